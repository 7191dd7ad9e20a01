-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('matched_job', 'application_status', 'interview_invitation', 'fair_invitation', 'fair_reminder', 'transfer_departure', 'officer_broadcast', 'follow_up_due');

-- CreateEnum
CREATE TYPE "OutboundStatus" AS ENUM ('queued', 'sent', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('pending', 'running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "CampaignTrigger" AS ENUM ('scheduled', 'manual');

-- CreateEnum
CREATE TYPE "FairKind" AS ENUM ('spring_breeze', 'employment_assistance_month', 'poverty_workshop', 'cooperation', 'online', 'general');

-- CreateEnum
CREATE TYPE "FairStatus" AS ENUM ('planned', 'registration', 'ongoing', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "TargetGroup" AS ENUM ('registered_poor', 'poor_family_graduate', 'disabled', 'returning_migrant');

-- CreateEnum
CREATE TYPE "ParticipationStatus" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "RegistrationSource" AS ENUM ('self', 'officer', 'walk_in');

-- CreateEnum
CREATE TYPE "FairOutcome" AS ENUM ('interview', 'intention', 'offer');

-- CreateEnum
CREATE TYPE "TransferStatus" AS ENUM ('planned', 'departed', 'arrived', 'cancelled');

-- CreateEnum
CREATE TYPE "FollowUpState" AS ENUM ('in_work', 'changed_job', 'returned_home');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('referred', 'interviewing', 'placed', 'declined');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('quarterly', 'yearly');

-- CreateTable
CREATE TABLE "Notification" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT,
    "labourerId" TEXT,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "data" JSONB,
    "dedupeKey" TEXT,
    "broadcastId" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "roles" "Role"[],
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "smsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "smsMuted" "NotificationKind"[] DEFAULT ARRAY[]::"NotificationKind"[],
    "quietStart" INTEGER,
    "quietEnd" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" BIGSERIAL NOT NULL,
    "notificationId" BIGINT,
    "userId" TEXT,
    "labourerId" TEXT,
    "phoneEncrypted" TEXT NOT NULL,
    "phoneMasked" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "status" "OutboundStatus" NOT NULL DEFAULT 'queued',
    "sendAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "providerId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushCampaign" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "trigger" "CampaignTrigger" NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'pending',
    "total" INTEGER NOT NULL DEFAULT 0,
    "considered" INTEGER NOT NULL DEFAULT 0,
    "pushed" INTEGER NOT NULL DEFAULT 0,
    "withoutMatch" INTEGER NOT NULL DEFAULT 0,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "PushCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobPush" (
    "labourerId" TEXT NOT NULL,
    "vacancyId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "notificationId" BIGINT,
    "pushedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobPush_pkey" PRIMARY KEY ("labourerId","vacancyId")
);

-- CreateTable
CREATE TABLE "PushGap" (
    "labourerId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" JSONB,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushGap_pkey" PRIMARY KEY ("labourerId")
);

-- CreateTable
CREATE TABLE "Fair" (
    "id" TEXT NOT NULL,
    "kind" "FairKind" NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "regionCode" TEXT NOT NULL,
    "address" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "organiser" TEXT NOT NULL,
    "homeRegionCode" TEXT,
    "partnerRegionCode" TEXT,
    "agreementId" TEXT,
    "targetGroups" "TargetGroup"[],
    "capacity" INTEGER,
    "description" TEXT,
    "status" "FairStatus" NOT NULL DEFAULT 'planned',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Fair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairEmployer" (
    "id" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "booth" TEXT,
    "status" "ParticipationStatus" NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "FairEmployer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairVacancy" (
    "fairId" TEXT NOT NULL,
    "vacancyId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairVacancy_pkey" PRIMARY KEY ("fairId","vacancyId")
);

-- CreateTable
CREATE TABLE "FairRegistration" (
    "id" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "source" "RegistrationSource" NOT NULL,
    "willAttend" BOOLEAN NOT NULL DEFAULT true,
    "targetGroups" "TargetGroup"[],
    "regionCode" TEXT NOT NULL,
    "registeredById" TEXT,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedInAt" TIMESTAMP(3),
    "checkedInById" TEXT,
    "reminderSentAt" TIMESTAMP(3),

    CONSTRAINT "FairRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairInvitation" (
    "fairId" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "notificationId" BIGINT,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairInvitation_pkey" PRIMARY KEY ("fairId","labourerId")
);

-- CreateTable
CREATE TABLE "FairInteraction" (
    "id" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "vacancyId" TEXT,
    "outcome" "FairOutcome" NOT NULL,
    "note" TEXT,
    "recordedById" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairInteraction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CooperationAgreement" (
    "id" TEXT NOT NULL,
    "homeRegionCode" TEXT NOT NULL,
    "partnerRegionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "homeContactName" TEXT NOT NULL,
    "homeContactPhone" TEXT NOT NULL,
    "partnerContactName" TEXT NOT NULL,
    "partnerContactPhone" TEXT NOT NULL,
    "targetFairs" INTEGER NOT NULL DEFAULT 0,
    "targetTransfers" INTEGER NOT NULL DEFAULT 0,
    "targetHouseholdPlacements" INTEGER NOT NULL DEFAULT 0,
    "targetTrainings" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CooperationAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabourStation" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "agreementId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabourStation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferBatch" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT,
    "departureDate" DATE NOT NULL,
    "fromRegionCode" TEXT NOT NULL,
    "toRegionCode" TEXT NOT NULL,
    "employerIds" TEXT[],
    "escortName" TEXT,
    "escortPhone" TEXT,
    "transport" TEXT,
    "travelSubsidyPerHead" INTEGER NOT NULL DEFAULT 0,
    "status" "TransferStatus" NOT NULL DEFAULT 'planned',
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TransferBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferMember" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "employerId" TEXT,
    "vacancyId" TEXT,
    "arrivedAt" TIMESTAMP(3),
    "arrivalConfirmedById" TEXT,
    "noShowReason" TEXT,

    CONSTRAINT "TransferMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferFollowUp" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "state" "FollowUpState",
    "reason" TEXT,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "TransferFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdReferral" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "agreementId" TEXT,
    "status" "ReferralStatus" NOT NULL DEFAULT 'referred',
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HouseholdReferral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "course" TEXT NOT NULL,
    "occupationCode" TEXT,
    "provider" TEXT NOT NULL,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "hours" INTEGER,
    "passed" BOOLEAN,
    "certificateKind" TEXT,
    "agreementId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "definitionsVersion" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorSnapshot" (
    "month" DATE NOT NULL,
    "regionCode" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorSnapshot_pkey" PRIMARY KEY ("month","regionCode","indicator")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_id_idx" ON "Notification"("userId", "id");

-- CreateIndex
CREATE INDEX "Notification_labourerId_id_idx" ON "Notification"("labourerId", "id");

-- CreateIndex
CREATE INDEX "Notification_broadcastId_idx" ON "Notification"("broadcastId");

-- CreateIndex
CREATE INDEX "Broadcast_regionCode_createdAt_idx" ON "Broadcast"("regionCode", "createdAt");

-- CreateIndex
CREATE INDEX "SmsMessage_status_sendAfter_idx" ON "SmsMessage"("status", "sendAfter");

-- CreateIndex
CREATE INDEX "SmsMessage_createdAt_idx" ON "SmsMessage"("createdAt");

-- CreateIndex
CREATE INDEX "PushCampaign_regionCode_startedAt_idx" ON "PushCampaign"("regionCode", "startedAt");

-- CreateIndex
CREATE INDEX "JobPush_vacancyId_idx" ON "JobPush"("vacancyId");

-- CreateIndex
CREATE INDEX "JobPush_campaignId_idx" ON "JobPush"("campaignId");

-- CreateIndex
CREATE INDEX "PushGap_regionCode_idx" ON "PushGap"("regionCode");

-- CreateIndex
CREATE INDEX "Fair_startsAt_idx" ON "Fair"("startsAt");

-- CreateIndex
CREATE INDEX "Fair_regionCode_startsAt_idx" ON "Fair"("regionCode", "startsAt");

-- CreateIndex
CREATE INDEX "Fair_agreementId_idx" ON "Fair"("agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "FairEmployer_fairId_employerId_key" ON "FairEmployer"("fairId", "employerId");

-- CreateIndex
CREATE INDEX "FairVacancy_vacancyId_idx" ON "FairVacancy"("vacancyId");

-- CreateIndex
CREATE UNIQUE INDEX "FairRegistration_code_key" ON "FairRegistration"("code");

-- CreateIndex
CREATE INDEX "FairRegistration_fairId_checkedInAt_idx" ON "FairRegistration"("fairId", "checkedInAt");

-- CreateIndex
CREATE UNIQUE INDEX "FairRegistration_fairId_labourerId_key" ON "FairRegistration"("fairId", "labourerId");

-- CreateIndex
CREATE INDEX "FairInteraction_fairId_outcome_idx" ON "FairInteraction"("fairId", "outcome");

-- CreateIndex
CREATE INDEX "FairInteraction_registrationId_idx" ON "FairInteraction"("registrationId");

-- CreateIndex
CREATE INDEX "CooperationAgreement_partnerRegionCode_idx" ON "CooperationAgreement"("partnerRegionCode");

-- CreateIndex
CREATE UNIQUE INDEX "CooperationAgreement_homeRegionCode_partnerRegionCode_year_key" ON "CooperationAgreement"("homeRegionCode", "partnerRegionCode", "year");

-- CreateIndex
CREATE INDEX "LabourStation_regionCode_idx" ON "LabourStation"("regionCode");

-- CreateIndex
CREATE INDEX "TransferBatch_agreementId_idx" ON "TransferBatch"("agreementId");

-- CreateIndex
CREATE INDEX "TransferBatch_toRegionCode_departureDate_idx" ON "TransferBatch"("toRegionCode", "departureDate");

-- CreateIndex
CREATE INDEX "TransferMember_labourerId_idx" ON "TransferMember"("labourerId");

-- CreateIndex
CREATE UNIQUE INDEX "TransferMember_batchId_labourerId_key" ON "TransferMember"("batchId", "labourerId");

-- CreateIndex
CREATE INDEX "TransferFollowUp_dueOn_state_idx" ON "TransferFollowUp"("dueOn", "state");

-- CreateIndex
CREATE UNIQUE INDEX "TransferFollowUp_memberId_month_key" ON "TransferFollowUp"("memberId", "month");

-- CreateIndex
CREATE INDEX "HouseholdReferral_employerId_idx" ON "HouseholdReferral"("employerId");

-- CreateIndex
CREATE INDEX "HouseholdReferral_agreementId_idx" ON "HouseholdReferral"("agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdReferral_labourerId_employerId_key" ON "HouseholdReferral"("labourerId", "employerId");

-- CreateIndex
CREATE INDEX "TrainingRecord_labourerId_idx" ON "TrainingRecord"("labourerId");

-- CreateIndex
CREATE INDEX "TrainingRecord_agreementId_idx" ON "TrainingRecord"("agreementId");

-- CreateIndex
CREATE INDEX "TrainingRecord_endedOn_idx" ON "TrainingRecord"("endedOn");

-- CreateIndex
CREATE INDEX "Report_regionCode_createdAt_idx" ON "Report"("regionCode", "createdAt");

-- CreateIndex
CREATE INDEX "IndicatorSnapshot_indicator_month_idx" ON "IndicatorSnapshot"("indicator", "month");

-- AddForeignKey
ALTER TABLE "FairEmployer" ADD CONSTRAINT "FairEmployer_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairVacancy" ADD CONSTRAINT "FairVacancy_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairRegistration" ADD CONSTRAINT "FairRegistration_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairInteraction" ADD CONSTRAINT "FairInteraction_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "FairRegistration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferBatch" ADD CONSTRAINT "TransferBatch_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "CooperationAgreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferMember" ADD CONSTRAINT "TransferMember_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransferBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferFollowUp" ADD CONSTRAINT "TransferFollowUp_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "TransferMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;
