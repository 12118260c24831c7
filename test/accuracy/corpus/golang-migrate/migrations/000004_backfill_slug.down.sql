UPDATE posts SET slug = NULL;
