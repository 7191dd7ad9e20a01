-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'training_provider';

-- AlterTable
ALTER TABLE "TrainingCourse" ADD COLUMN     "providerId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "trainingProviderId" TEXT;

-- CreateTable
CREATE TABLE "TrainingProvider" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TrainingProviderKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingProvider_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingProvider_regionCode_idx" ON "TrainingProvider"("regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingProvider_regionCode_name_key" ON "TrainingProvider"("regionCode", "name");

-- CreateIndex
CREATE INDEX "TrainingCourse_providerId_idx" ON "TrainingCourse"("providerId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_trainingProviderId_fkey" FOREIGN KEY ("trainingProviderId") REFERENCES "TrainingProvider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingCourse" ADD CONSTRAINT "TrainingCourse_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "TrainingProvider"("id") ON DELETE SET NULL ON UPDATE CASCADE;
