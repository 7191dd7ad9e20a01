import type { FormOptionsSource } from '../labourers/index.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { SKILL_LEVELS } from './vacancies.contract.ts';

export type Body = Record<string, string | string[] | undefined>;

export const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);
const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** A number field: empty is null (zod then says "required" where it is), typed text stays text so zod says "not a number". */
const numberField = (v: string | string[] | undefined) => {
  const value = text(v);
  if (value === '') return null;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
};

/**
 * The skill-level rows of the form (`levelSkill` and `levelValue`, one pair per row, in order) as
 * `requiredSkillLevels`; a row without a skill is skipped, a skill without a level is kept empty so
 * the check names the field.
 */
export function skillLevelRows(body: Body): Record<string, string> {
  const skills = all(body.levelSkill);
  const levels = all(body.levelValue);
  const out: Record<string, string> = {};
  skills.forEach((skill, i) => {
    const code = skill.trim();
    if (code) out[code] = (levels[i] ?? '').trim();
  });
  return out;
}

/** The vacancy form as the API's input: every field is on the form, so an unchecked box is false. */
export function vacancyFormToInput(body: Body) {
  return {
    title: text(body.title),
    occupationCode: text(body.occupationCode),
    description: text(body.description),
    skillCodes: list(body.skillCodes),
    regionCode: text(body.regionCode),
    wageMin: numberField(body.wageMin),
    wageMax: numberField(body.wageMax),
    payBasis: text(body.payBasis) || 'month',
    headcount: numberField(body.headcount),
    ageMin: numberField(body.ageMin),
    ageMax: numberField(body.ageMax),
    educationMin: text(body.educationMin) || null,
    accommodation: text(body.accommodation) === 'true',
    meals: text(body.meals) === 'true',
    travelSupport: text(body.travelSupport) === 'true',
    workingHours: text(body.workingHours) || null,
    shiftPattern: text(body.shiftPattern) || 'day',
    contractType: text(body.contractType) || 'labour_contract',
    disabilityFriendly: text(body.disabilityFriendly) === 'true',
    publicWelfarePost: text(body.publicWelfarePost) === 'true',
    requiredCertificates: list(body.requiredCertificates),
    requiredSkillLevels: skillLevelRows(body),
    trainsForCertificate: text(body.trainsForCertificate) === 'true',
    startDate: text(body.startDate) || null,
    expiresAt: text(body.expiresAt) || null,
  };
}

/** Blank rows offered below the levels already set (a form without JavaScript cannot add rows). */
const BLANK_ROWS = 2;

/**
 * The requirement choices of the form: certificates as one group of boxes, and one row per skill
 * level set plus blank rows, each with its choices marked, so nothing set is lost on saving.
 */
export function requirementChoices(
  locale: string,
  options: Pick<Awaited<ReturnType<FormOptionsSource>>, 'certificates' | 'skillGroups'>,
  levels: Record<string, string> | undefined,
) {
  const entries = Object.entries(levels ?? {});
  const rows = [...entries, ...Array.from({ length: BLANK_ROWS }, () => ['', ''] as const)].map(
    ([code, level], index) => ({
      index,
      number: index + 1,
      skillGroups: options.skillGroups.map((group) => ({
        label: group.label,
        options: group.options.map((o) => ({ ...o, selected: o.code === code })),
      })),
      // A code the reference no longer lists stays on the form, so saving does not drop it.
      unknownSkill: code && !options.skillGroups.some((g) => g.options.some((o) => o.code === code)) ? code : null,
      levels: SKILL_LEVELS.map((value) => ({
        value,
        label: translate(locale, `skillLevel.${value}`),
        selected: value === level,
      })),
    }),
  );
  return {
    certificateGroups: [{ label: translate(locale, 'vacancyForm.certificateGroup'), options: options.certificates }],
    levelRows: rows,
  };
}
