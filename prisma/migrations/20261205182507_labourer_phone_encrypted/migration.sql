-- Phones are stored like ID numbers: ciphertext, keyed hash and masked form. The numbers still in
-- clear in "phone" cannot be encrypted here (the key is the app's): the app converts them at start,
-- after the migrations (services/labourers/legacy-phones.repository.ts), and a later migration drops
-- the column.
-- AlterTable
ALTER TABLE "Labourer" ADD COLUMN     "phoneEncrypted" TEXT,
ADD COLUMN     "phoneHash" TEXT,
ADD COLUMN     "phoneMasked" TEXT;

-- CreateIndex
CREATE INDEX "Labourer_phoneHash_idx" ON "Labourer"("phoneHash");
