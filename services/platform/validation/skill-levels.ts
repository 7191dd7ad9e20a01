import { SkillLevel } from '../database/generated/enums.ts';

const LEVELS = new Set<string>(Object.values(SkillLevel));

/**
 * A vacancy's `requiredSkillLevels` as stored (JSON in the database and the search index): least
 * level per skill code, keeping only known levels.
 */
export function skillLevelsOf(value: unknown): Record<string, SkillLevel> {
  const out: Record<string, SkillLevel> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [code, level] of Object.entries(value)) {
      if (typeof level === 'string' && LEVELS.has(level)) out[code] = level as SkillLevel;
    }
  }
  return out;
}
