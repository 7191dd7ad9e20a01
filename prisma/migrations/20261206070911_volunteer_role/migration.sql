-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'volunteer';
