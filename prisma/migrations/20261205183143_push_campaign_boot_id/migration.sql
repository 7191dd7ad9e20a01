-- AlterTable
ALTER TABLE "PushCampaign" ADD COLUMN     "bootId" TEXT;
