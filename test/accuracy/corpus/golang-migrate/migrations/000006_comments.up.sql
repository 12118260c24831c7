CREATE TABLE comments (
    id      SERIAL PRIMARY KEY,
    post_id INTEGER NOT NULL,
    body    TEXT NOT NULL
);

ALTER TABLE comments ADD CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id);
