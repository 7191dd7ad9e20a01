-- CreateEnum
CREATE TYPE "CertificateCategory" AS ENUM ('vocational_qualification', 'skill_level', 'special_ability', 'operating_licence', 'health', 'other');

-- CreateEnum
CREATE TYPE "PovertyConfirmation" AS ENUM ('officer', 'poverty_office_import', 'comparison');

-- AlterEnum: the type is recreated rather than given a value with ADD VALUE, because a value added
-- that way cannot be used (as the new default below) before its transaction commits.
CREATE TYPE "PovertyStatus_new" AS ENUM ('registered', 'lifted_out', 'unconfirmed');
ALTER TABLE "Labourer" ALTER COLUMN "povertyStatus" DROP DEFAULT;
ALTER TABLE "Labourer" ALTER COLUMN "povertyStatus" TYPE "PovertyStatus_new" USING ("povertyStatus"::text::"PovertyStatus_new");
ALTER TYPE "PovertyStatus" RENAME TO "PovertyStatus_old";
ALTER TYPE "PovertyStatus_new" RENAME TO "PovertyStatus";
DROP TYPE "PovertyStatus_old";

-- AlterTable
ALTER TABLE "CertificateKind" ADD COLUMN     "category" "CertificateCategory" NOT NULL DEFAULT 'other';

-- AlterTable
ALTER TABLE "Labourer" ADD COLUMN     "graduationYear" INTEGER,
ADD COLUMN     "povertyConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "povertyConfirmedById" TEXT,
ADD COLUMN     "povertyConfirmedVia" "PovertyConfirmation",
ALTER COLUMN "povertyStatus" SET DEFAULT 'unconfirmed';

-- Data: people who registered themselves (求职登记) got `registered` by default; they are ordinary
-- job seekers until the poverty office or an officer confirms them.
UPDATE "Labourer" l SET "povertyStatus" = 'unconfirmed'
WHERE l."povertyStatus" = 'registered'
  AND EXISTS (SELECT 1 FROM "LabourerStatusChange" s
              WHERE s."labourerId" = l."id" AND s."fromStatus" IS NULL AND s."source" = 'self');

-- Data: the categories of the reference certificate kinds (prisma/reference/certificates.json).
UPDATE "CertificateKind" SET "category" = 'operating_licence'
WHERE "code" IN ('CERT-ELECTRICIAN', 'CERT-WELDER', 'CERT-FORKLIFT', 'CERT-EXCAVATOR', 'CERT-DRIVING-B', 'CERT-DRIVING-C', 'CERT-RIDEHAIL');
UPDATE "CertificateKind" SET "category" = 'skill_level'
WHERE "code" IN ('CERT-ELDERCARE', 'CERT-CHILDCARE', 'CERT-HOUSEKEEPING', 'CERT-COOK', 'CERT-PASTRY', 'CERT-HAIRDRESSER', 'CERT-BEAUTICIAN', 'CERT-TEA', 'CERT-ECOMMERCE');
UPDATE "CertificateKind" SET "category" = 'special_ability' WHERE "code" = 'CERT-MATERNITY';
UPDATE "CertificateKind" SET "category" = 'vocational_qualification' WHERE "code" = 'CERT-SECURITY';
UPDATE "CertificateKind" SET "category" = 'health' WHERE "code" = 'CERT-HEALTH';
