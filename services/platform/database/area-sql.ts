import { type Area, areaPrefixes } from '../access/area.ts';
import { Prisma } from './generated/client.ts';

/**
 * SQL: `column` (a region code) within the area. One prefix stays a plain LIKE, which the planner
 * matches to the region index; several become LIKE ANY of an array; none is false.
 */
export function areaSql(column: Prisma.Sql, area: Area): Prisma.Sql {
  const prefixes = areaPrefixes(area);
  if (prefixes.length === 0) return Prisma.sql`FALSE`;
  if (prefixes.length === 1) return Prisma.sql`${column} LIKE ${`${prefixes[0]}%`}`;
  return Prisma.sql`${column} LIKE ANY(${prefixes.map((p) => `${p}%`)}::text[])`;
}

/** Prisma: a string field (a region code) within the area, to put among a where's conditions. */
export function areaWhere<F extends string>(field: F, area: Area): { OR: Array<Record<F, { startsWith: string }>> } {
  return {
    OR: areaPrefixes(area).map((p) => ({ [field]: { startsWith: p } }) as Record<F, { startsWith: string }>),
  };
}
