import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from './generated/client.ts';

export type Db = InstanceType<typeof PrismaClient>;
export type { Prisma } from './generated/client.ts';

export function createPrismaClient(factory: SqlMigrationAwareDriverAdapterFactory): Db {
  return new PrismaClient({ adapter: factory });
}
