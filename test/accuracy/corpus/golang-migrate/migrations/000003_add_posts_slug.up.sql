ALTER TABLE posts ADD COLUMN slug VARCHAR(220);
CREATE UNIQUE INDEX posts_slug_idx ON posts (slug);
