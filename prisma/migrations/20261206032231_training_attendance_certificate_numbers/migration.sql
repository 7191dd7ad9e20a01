-- AlterEnum
ALTER TYPE "TrainingEnrolmentStatus" ADD VALUE 'withdrawn';

-- AlterTable
ALTER TABLE "LabourerCertificate" ADD COLUMN     "number" TEXT,
ADD COLUMN     "occupationCode" TEXT;

-- AlterTable
ALTER TABLE "TrainingEnrolment" ADD COLUMN     "offerWish" TEXT,
ADD COLUMN     "score" INTEGER,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "topic" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttendance" (
    "sessionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT,

    CONSTRAINT "TrainingAttendance_pkey" PRIMARY KEY ("sessionId","enrolmentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSession_courseId_heldOn_key" ON "TrainingSession"("courseId", "heldOn");

-- CreateIndex
CREATE INDEX "TrainingAttendance_enrolmentId_idx" ON "TrainingAttendance"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "LabourerCertificate_number_key" ON "LabourerCertificate"("number");

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "TrainingCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "TrainingEnrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
