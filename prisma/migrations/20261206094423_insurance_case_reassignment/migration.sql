-- AlterTable
ALTER TABLE "InsuranceCaseTransition" ADD COLUMN     "fromAssigneeId" TEXT,
ADD COLUMN     "toAssigneeId" TEXT;

-- CreateIndex
CREATE INDEX "InsuranceCase_assignedToId_idx" ON "InsuranceCase"("assignedToId");
