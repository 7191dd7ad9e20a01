-- CreateEnum
CREATE TYPE "TrainingProgramme" AS ENUM ('spring_tide', 'on_the_job', 'entrepreneurship');

-- CreateEnum
CREATE TYPE "TrainingProviderKind" AS ENUM ('public_centre', 'technical_school', 'other_department', 'purchased_class');

-- CreateEnum
CREATE TYPE "TrainingEligibility" AS ENUM ('registered_poor', 'eligible_workers');

-- CreateEnum
CREATE TYPE "TrainingEnrolmentStatus" AS ENUM ('offered', 'enrolled', 'waiting', 'completed');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'training_offer';

-- CreateTable
CREATE TABLE "TrainingCourse" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "programme" "TrainingProgramme" NOT NULL,
    "occupationCode" TEXT,
    "skillCodes" TEXT[],
    "certificateKind" TEXT,
    "providerName" TEXT NOT NULL,
    "providerKind" "TrainingProviderKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "inVillage" BOOLEAN NOT NULL DEFAULT false,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "seats" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL DEFAULT 0,
    "subsidised" BOOLEAN NOT NULL DEFAULT false,
    "eligibility" "TrainingEligibility" NOT NULL DEFAULT 'registered_poor',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "status" "TrainingEnrolmentStatus" NOT NULL,
    "offerReason" TEXT,
    "offeredAt" TIMESTAMP(3),
    "enrolledAt" TIMESTAMP(3),
    "attendedSessions" INTEGER NOT NULL DEFAULT 0,
    "passed" BOOLEAN,
    "certificateNumber" TEXT,
    "certificateId" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingCourse_regionCode_startsOn_idx" ON "TrainingCourse"("regionCode", "startsOn");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_labourerId_idx" ON "TrainingEnrolment"("labourerId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_courseId_labourerId_key" ON "TrainingEnrolment"("courseId", "labourerId");

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;
