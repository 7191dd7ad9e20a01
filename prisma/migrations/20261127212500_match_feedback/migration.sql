-- CreateTable
CREATE TABLE "MatchFeedback" (
    "labourerId" TEXT NOT NULL,
    "vacancyId" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchFeedback_pkey" PRIMARY KEY ("labourerId","vacancyId")
);

-- CreateIndex
CREATE INDEX "MatchFeedback_vacancyId_idx" ON "MatchFeedback"("vacancyId");
