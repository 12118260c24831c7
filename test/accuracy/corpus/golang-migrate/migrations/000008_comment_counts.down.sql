DROP TRIGGER IF EXISTS comments_count ON comments;
DROP FUNCTION IF EXISTS bump_comment_count();
ALTER TABLE posts DROP COLUMN IF EXISTS comment_count;
