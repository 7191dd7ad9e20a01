import type { VacancyStatus } from '../platform/database/generated/enums.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { zodIssues } from '../platform/validation/field-issues.ts';
import { skillLevelsOf } from '../platform/validation/skill-levels.ts';
import { discriminatoryPhrase } from './discrimination.ts';
import { type VacancyInput, type VacancyPatch, VacancyInputSchema, type VacancyView } from './vacancies.contract.ts';
import type { VacanciesRepository, VacancyRow } from './vacancies.repository.ts';

export const DEFAULT_VALIDITY_DAYS = 60;

/** Lifecycle moves a person may make; filled and expired are set by the system. */
const MOVES: Record<VacancyStatus, VacancyStatus[]> = {
  draft: ['open', 'closed'],
  open: ['paused', 'closed'],
  paused: ['open', 'closed'],
  filled: ['open', 'closed'],
  expired: ['open', 'closed'],
  closed: [],
};

export function canMove(from: VacancyStatus, to: VacancyStatus): boolean {
  return MOVES[from].includes(to);
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const endOfDay = (iso: string) => new Date(`${iso}T23:59:59.999Z`);

export function isPublic(
  v: { status: VacancyStatus; expiresAt: Date | null; employer: { verifiedAt: Date | null } },
  now = new Date(),
) {
  return v.status === 'open' && v.employer.verifiedAt !== null && (v.expiresAt === null || v.expiresAt > now);
}

export function toVacancyView(v: VacancyRow, ref: ReferenceNames): VacancyView {
  return {
    id: v.id,
    employerId: v.employerId,
    employerName: v.employer.name,
    employerKind: v.employer.kind,
    employerVerified: v.employer.verifiedAt !== null,
    title: v.title,
    occupationCode: v.occupationCode,
    occupationName: ref.occupation(v.occupationCode)?.name ?? v.occupationCode,
    description: v.description,
    skillCodes: v.skillCodes,
    preferredSkillCodes: v.preferredSkillCodes,
    skillNames: ref.skillNames([...v.skillCodes, ...v.preferredSkillCodes]),
    regionCode: v.regionCode,
    regionName: ref.regionName(v.regionCode),
    lat: v.lat,
    lng: v.lng,
    wageMin: v.wageMin,
    wageMax: v.wageMax,
    payBasis: v.payBasis,
    headcount: v.headcount,
    ageMin: v.ageMin,
    ageMax: v.ageMax,
    educationMin: v.educationMin,
    accommodation: v.accommodation,
    meals: v.meals,
    travelSupport: v.travelSupport,
    workingHours: v.workingHours,
    shiftPattern: v.shiftPattern,
    contractType: v.contractType,
    disabilityFriendly: v.disabilityFriendly,
    publicWelfarePost: v.publicWelfarePost,
    requiredCertificates: v.requiredCertificates,
    requiredCertificateNames: v.requiredCertificates.map((code) => ref.certificate(code)?.name ?? code),
    requiredSkillLevels: skillLevelsOf(v.requiredSkillLevels),
    trainsForCertificate: v.trainsForCertificate,
    startDate: v.startDate?.toISOString().slice(0, 10) ?? null,
    status: v.status,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    expiresAt: v.expiresAt?.toISOString() ?? null,
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** A level may be set only for a known skill the vacancy requires (`skillCodes`, as it will be saved). */
function skillLevelProblems(
  levels: Record<string, string> | undefined,
  skillCodes: readonly string[] | undefined,
  ref: ReferenceNames,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const code of Object.keys(levels ?? {})) {
    const field = `requiredSkillLevels.${code}`;
    if (!ref.hasSkill(code)) {
      issues.push({ field, code: 'skill_unknown', params: { code }, message: `${code} is not a skill code` });
    } else if (skillCodes && !skillCodes.includes(code)) {
      issues.push({
        field,
        code: 'level_without_skill',
        params: { code },
        message: `${code} has a level but is not among the required skills (skillCodes)`,
      });
    }
  }
  return issues;
}

/** Checks against the reference data and the anti-discrimination rule; collects every problem. */
export function vacancyProblems(
  input: Partial<VacancyInput>,
  ref: ReferenceNames,
  /** The required skills as they will be saved (a change may send levels without skills). */
  skillCodes = input.skillCodes,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of ['title', 'description'] as const) {
    const text = input[field];
    const phrase = text ? discriminatoryPhrase(text) : null;
    if (phrase) {
      issues.push({
        field,
        code: 'discriminatory',
        params: { phrase },
        message: `contains 「${phrase}」: a job may not be limited by sex or ethnicity (Employment Promotion Law, arts. 27-28); describe the work instead`,
      });
    }
  }
  if (input.occupationCode && !ref.hasOccupation(input.occupationCode)) {
    issues.push({
      field: 'occupationCode',
      code: 'occupation_unknown',
      message: `${input.occupationCode} is not an occupation code`,
    });
  }
  for (const field of ['skillCodes', 'preferredSkillCodes'] as const) {
    input[field]?.forEach((code, i) => {
      if (!ref.hasSkill(code))
        issues.push({ field: `${field}.${i}`, code: 'skill_unknown', message: `${code} is not a skill code` });
    });
  }
  input.requiredCertificates?.forEach((code, i) => {
    if (!ref.certificate(code))
      issues.push({
        field: `requiredCertificates.${i}`,
        code: 'certificate_unknown',
        params: { code },
        message: `${code} is not a certificate kind`,
      });
  });
  issues.push(...skillLevelProblems(input.requiredSkillLevels, skillCodes, ref));
  if (input.regionCode && !ref.isKnownPlace(input.regionCode)) {
    issues.push({ field: 'regionCode', code: 'region_unknown', message: 'is not a known region' });
  }
  if (input.expiresAt && endOfDay(input.expiresAt) <= new Date()) {
    issues.push({ field: 'expiresAt', code: 'date_past', message: 'must be in the future' });
  }
  return issues;
}

/**
 * The required skills and levels a change leaves: levels are checked against the skills as they
 * will be, and a skill dropped without new levels takes its stored level with it.
 */
function levelsAfter(patch: VacancyPatch, current: VacancyRow) {
  const skillCodes = patch.skillCodes ?? current.skillCodes;
  const levels =
    patch.requiredSkillLevels ??
    (patch.skillCodes
      ? Object.fromEntries(
          Object.entries(skillLevelsOf(current.requiredSkillLevels)).filter(([code]) => skillCodes.includes(code)),
        )
      : undefined);
  return { skillCodes, levels };
}

export interface VacanciesDeps {
  repo: VacanciesRepository;
  reference: () => Promise<ReferenceNames>;
}

/** What a move to another status writes besides the status; refused when the lifecycle forbids it. */
function statusMove(
  current: { status: VacancyStatus; publishedAt: Date | null; expiresAt: Date | null },
  status: VacancyStatus,
  expiresAt: string | null | undefined,
) {
  if (!canMove(current.status, status)) {
    throw new ConflictError(`A vacancy cannot move from ${current.status} to ${status}`, {
      from: current.status,
      to: status,
    });
  }
  if (status !== 'open') return {};
  const expiry = expiresAt !== undefined ? (expiresAt ? endOfDay(expiresAt) : null) : current.expiresAt;
  return {
    publishedAt: current.publishedAt ?? new Date(),
    // Reopening an expired vacancy needs a new expiry; without one it runs the default time.
    ...(!expiry || expiry <= new Date()
      ? { expiresAt: new Date(Date.now() + DEFAULT_VALIDITY_DAYS * 86_400_000) }
      : {}),
  };
}

export function createVacanciesService({ repo, reference }: VacanciesDeps) {
  async function assertMayManage(actor: SessionUser, employerId: string) {
    if (actor.role === 'admin') return;
    if (actor.role === 'employer') {
      if (actor.employerId === employerId) return;
      throw new ForbiddenError('You may only manage your own vacancies');
    }
    const employer = await repo.employer(employerId);
    if (!employer) throw new NotFoundError(`Employer ${employerId} does not exist`);
    if (actor.role === 'officer' && actor.regionCode && employer.regionCode.startsWith(actor.regionCode)) return;
    throw new ForbiddenError('This employer is outside your region');
  }

  async function load(id: string) {
    const vacancy = await repo.findById(id);
    if (!vacancy) throw new NotFoundError(`Vacancy ${id} does not exist`);
    return vacancy;
  }

  function fail(issues: FieldIssue[]): never {
    throw new ValidationError(
      `The vacancy is not valid: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
      issues,
    );
  }

  return {
    async create(actor: SessionUser, raw: unknown): Promise<VacancyView> {
      const parsed = VacancyInputSchema.safeParse(raw);
      if (!parsed.success) {
        // Wording the law forbids is named at once, not after the other fields are put right.
        const { title, description } = raw as { title?: unknown; description?: unknown };
        const texts = {
          title: typeof title === 'string' ? title : '',
          description: typeof description === 'string' ? description : '',
        };
        const wording = vacancyProblems(texts, await reference()).filter((issue) => issue.code === 'discriminatory');
        fail([...zodIssues(parsed.error, raw).filter((i) => !wording.some((w) => w.field === i.field)), ...wording]);
      }
      const input = parsed.data;
      await assertMayManage(actor, input.employerId);
      const ref = await reference();
      const issues = vacancyProblems(input, ref);
      if (issues.length) fail(issues);
      const vacancy = await repo.create({
        ...input,
        startDate: input.startDate ? day(input.startDate) : null,
        expiresAt: input.expiresAt ? endOfDay(input.expiresAt) : null,
        status: 'draft',
      });
      return toVacancyView(vacancy, ref);
    },

    async update(actor: SessionUser, id: string, patch: VacancyPatch): Promise<VacancyView> {
      const current = await load(id);
      await assertMayManage(actor, current.employerId);
      const ref = await reference();
      const { skillCodes, levels } = levelsAfter(patch, current);
      const issues = vacancyProblems(patch as Partial<VacancyInput>, ref, skillCodes);
      const wageMin = patch.wageMin ?? current.wageMin;
      const wageMax = patch.wageMax ?? current.wageMax;
      if (wageMax < wageMin)
        issues.push({ field: 'wageMax', code: 'below_wage_min', message: 'must not be below wageMin' });
      if (issues.length) fail(issues);
      const { status, startDate, expiresAt, ...fields } = patch;
      const lifecycle = status && status !== current.status ? statusMove(current, status, expiresAt) : {};
      const updated = await repo.update(id, {
        ...fields,
        ...(levels ? { requiredSkillLevels: levels } : {}),
        ...(startDate !== undefined ? { startDate: startDate ? day(startDate) : null } : {}),
        ...(expiresAt !== undefined ? { expiresAt: expiresAt ? endOfDay(expiresAt) : null } : {}),
        ...(status ? { status } : {}),
        ...lifecycle,
      });
      return toVacancyView(updated, ref);
    },

    publish(actor: SessionUser, id: string) {
      return this.update(actor, id, { status: 'open' });
    },

    close(actor: SessionUser, id: string) {
      return this.update(actor, id, { status: 'closed' });
    },

    /** Only a draft nobody has seen may be deleted; anything published is closed instead. */
    async remove(actor: SessionUser, id: string) {
      const current = await load(id);
      await assertMayManage(actor, current.employerId);
      if (current.publishedAt) throw new ConflictError('A published vacancy cannot be deleted: close it instead');
      await repo.remove(id);
    },

    /** Public when open and verified; otherwise only its employer and officers of its region. */
    async get(actor: SessionUser | null, id: string): Promise<VacancyView> {
      const vacancy = await load(id);
      if (!isPublic(vacancy)) {
        // A job seeker, a volunteer matchmaker or a training provider sees only open vacancies: any
        // other is not there.
        if (!actor || actor.role === 'labourer' || actor.role === 'volunteer' || actor.role === 'training_provider')
          throw new NotFoundError(`Vacancy ${id} is not open`);
        await assertMayManage(actor, vacancy.employerId);
      }
      return toVacancyView(vacancy, await reference());
    },

    async listForEmployer(actor: SessionUser, employerId: string): Promise<VacancyView[]> {
      await assertMayManage(actor, employerId);
      const ref = await reference();
      return (await repo.listForEmployer(employerId)).map((v) => toVacancyView(v, ref));
    },

    expireDue: (now = new Date()) => repo.expireDue(now),
  };
}

export type VacanciesService = ReturnType<typeof createVacanciesService>;
