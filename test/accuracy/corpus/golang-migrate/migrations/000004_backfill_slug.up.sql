UPDATE posts
   SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id
 WHERE slug IS NULL;
