-- CreateTable
CREATE TABLE "PostAudit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "postId" INTEGER NOT NULL,
    "action" TEXT NOT NULL
);

-- Written by hand: Prisma does not manage triggers.
CREATE TRIGGER "post_deleted" AFTER DELETE ON "Post"
BEGIN
    INSERT INTO "PostAudit" ("postId", "action") VALUES (OLD."id", 'deleted');
    DELETE FROM "PostAudit" WHERE "postId" = OLD."id" AND "action" = 'draft';
END;
