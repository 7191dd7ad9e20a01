-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Sign-in compares names trimmed, NFKC-normalised and lower-cased; employers could choose
-- capitals before. Lower-case every name that does not collide with another account's.
UPDATE "User" AS u SET "username" = lower(u."username")
WHERE u."username" <> lower(u."username")
  AND NOT EXISTS (SELECT 1 FROM "User" AS o WHERE o."username" = lower(u."username"));
