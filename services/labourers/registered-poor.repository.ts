import { Prisma } from '../platform/database/generated/client.ts';
import { IN_WORK_STATUSES, PLAN_FIRST_YEAR, REGISTERED_POOR_STATUSES } from './registered-poor.ts';

/** The registered poor labour force (see registered-poor.ts) as a Prisma filter on Labourer. */
export function registeredPoorWhere(): Prisma.LabourerWhereInput {
  return {
    erasedAt: null,
    OR: [
      { povertyStatus: 'registered' },
      { povertyStatus: 'lifted_out', OR: [{ povertyYear: null }, { povertyYear: { gte: PLAN_FIRST_YEAR } }] },
    ],
  };
}

const quoted = (values: readonly string[]) => Prisma.raw(values.map((v) => `'${v}'`).join(', '));

/** The same, as an SQL condition on the Labourer row aliased `alias`. */
export function registeredPoorSql(alias: string): Prisma.Sql {
  const l = Prisma.raw(`"${alias}"`);
  const [registered, liftedOut] = REGISTERED_POOR_STATUSES;
  return Prisma.sql`(${l}."erasedAt" IS NULL AND (${l}."povertyStatus" = ${Prisma.raw(`'${registered}'`)}
    OR (${l}."povertyStatus" = ${Prisma.raw(`'${liftedOut}'`)}
        AND (${l}."povertyYear" IS NULL OR ${l}."povertyYear" >= ${Prisma.raw(String(PLAN_FIRST_YEAR))}))))`;
}

/**
 * People the plan promises a pushed job (plan §2(3)): of the registered poor labour force, those
 * wanting work, not in work and able to work (not `not_in_labour_force`), `status` being their
 * employment status as of the date counted (by default the registry's current one).
 */
export function seekingWorkSql(
  alias: string,
  status: Prisma.Sql = Prisma.raw(`"${alias}"."employmentStatus"`),
): Prisma.Sql {
  return Prisma.sql`(${registeredPoorSql(alias)} AND ${Prisma.raw(`"${alias}"`)}."wantsJob"
    AND ${status} NOT IN (${quoted([...IN_WORK_STATUSES, 'not_in_labour_force'])}))`;
}
