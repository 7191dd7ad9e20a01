import type { Db, Prisma } from '../platform/database/prisma.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { TrainingProviderKind } from '../platform/database/generated/enums.ts';

const PROVIDER = {
  id: true,
  name: true,
  kind: true,
  regionCode: true,
  contactName: true,
  contactPhone: true,
  createdAt: true,
  users: { select: { username: true }, orderBy: { username: 'asc' } },
  _count: { select: { courses: true } },
} as const satisfies Prisma.TrainingProviderSelect;

export interface ProviderData {
  name: string;
  kind: TrainingProviderKind;
  regionCode: string;
  contactName: string;
  contactPhone: string;
  createdById: string;
}

export interface AccountData {
  username: string;
  passwordHash: string;
  displayName: string;
}

/** The unique violation (P2002) of a taken provider name or username, as null; anything else rethrown. */
async function unlessTaken<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return null;
    throw error;
  }
}

/** Training providers with accounts of their own, and those accounts (users with the role training_provider). */
export function createProvidersRepository(db: Db) {
  return {
    list: (prefix: string) =>
      db.trainingProvider.findMany({
        where: { regionCode: { startsWith: prefix } },
        select: PROVIDER,
        orderBy: [{ regionCode: 'asc' }, { name: 'asc' }],
        take: 1000,
      }),

    find: (id: string) => db.trainingProvider.findUnique({ where: { id }, select: PROVIDER }),

    /** The provider and its first account in one transaction; null when the name or the username is taken. */
    create: (data: ProviderData, account: AccountData | null, audit: Omit<AuditEntry, 'entityId'>) =>
      unlessTaken(
        db.$transaction(async (tx) => {
          const row = await tx.trainingProvider.create({ data, select: { id: true } });
          if (account)
            await tx.user.create({
              data: { ...account, role: 'training_provider', regionCode: data.regionCode, trainingProviderId: row.id },
            });
          await recordAudit(tx, { ...audit, entityId: row.id });
          return tx.trainingProvider.findUniqueOrThrow({ where: { id: row.id }, select: PROVIDER });
        }),
      ),

    /** Another account of the provider; null when the username is taken. */
    addAccount: (provider: { id: string; regionCode: string }, account: AccountData, audit: AuditEntry) =>
      unlessTaken(
        db.$transaction(async (tx) => {
          await tx.user.create({
            data: {
              ...account,
              role: 'training_provider',
              regionCode: provider.regionCode,
              trainingProviderId: provider.id,
            },
          });
          await recordAudit(tx, audit);
          return tx.trainingProvider.findUniqueOrThrow({ where: { id: provider.id }, select: PROVIDER });
        }),
      ),
  };
}

export type ProvidersRepository = ReturnType<typeof createProvidersRepository>;
export type ProviderRow = NonNullable<Awaited<ReturnType<ProvidersRepository['find']>>>;
