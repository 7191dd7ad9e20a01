import { distanceKm } from '../platform/geo.ts';
import { awayFromHomeCounty, locationTier } from './area.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { Audience, Crowding, EmployerRecord, JobFacts, PersonFeedback, PersonProfile } from './types.ts';
import { licenceState } from './hard-rules.ts';
import {
  ACCOMMODATION,
  CERTIFICATE,
  CROWDING,
  EMPLOYER_KIND,
  EMPLOYER_RECORD,
  type FeatureName,
  FIT,
  FRESHNESS,
  LOCATION,
  LOCATION_WEIGHT_BY_MOBILITY,
  OCCUPATION,
  SKILLS,
  WAGE,
  WEIGHTS,
} from './weights.ts';

export type ReasonParams = Record<string, string | number | string[] | null>;

/** One feature's effect on one match: `value` is already weighted; it carries its reason's code. */
export interface Contribution {
  feature: FeatureName;
  code: string;
  value: number;
  params: ReasonParams;
}

/** A feature's value in -1..1 with its reason, and the most it could give this person. */
interface Feature {
  f: number;
  code: string;
  params: ReasonParams;
}

export interface PairContext {
  taxonomy: Taxonomy;
  now: Date;
  audience: Audience;
  /** Omitted for a ranking of people (the same for every candidate of one job). */
  record?: EmployerRecord | undefined;
  crowding?: Crowding | undefined;
  feedback?: PersonFeedback | undefined;
}

export interface PairScore {
  /** Sum of contributions; orders the matches. */
  raw: number;
  /** raw over the most this person could get, clamped to 0..1. */
  score: number;
  distanceKm: number | null;
  contributions: Contribution[];
  /** The job fits the person's work (occupation, skills, certificate, a public-welfare post for them), or they take any work. */
  fits: boolean;
  /**
   * The same without the person's "not interested": false only for someone who named the work
   * they want and a job with no fit to it (minimum fit: such a job is not offered at all).
   */
  fitsWork: boolean;
}

const none = (code = ''): Feature => ({ f: 0, code, params: {} });

/** What the features need of a person, worked out once per person rather than once per job. */
interface Derived {
  held: Map<string, PersonProfile['skills'][number]['level']>;
  desiredCategories: Set<string | undefined>;
  desiredSubcategories: Set<string | undefined>;
  /** Occupation → the first of the person's certificates that qualifies for it. */
  certifiedFor: Map<string, string>;
}

const derivedCache = new WeakMap<PersonProfile, { tax: Taxonomy; derived: Derived }>();

function derive(person: PersonProfile, tax: Taxonomy): Derived {
  const cached = derivedCache.get(person);
  if (cached?.tax === tax) return cached.derived;
  const certifiedFor = new Map<string, string>();
  for (const code of person.certificates) {
    for (const occupation of tax.certifiedOccupations([code])) {
      if (!certifiedFor.has(occupation)) certifiedFor.set(occupation, code);
    }
  }
  const derived = {
    held: new Map(person.skills.map((s) => [s.code, s.level])),
    desiredCategories: new Set(person.desiredOccupations.map((code) => tax.category(code))),
    desiredSubcategories: new Set(person.desiredOccupations.map((code) => tax.subcategory(code))),
    certifiedFor,
  };
  derivedCache.set(person, { tax, derived });
  return derived;
}
const round1 = (km: number) => Math.round(km * 10) / 10;

function occupation(person: PersonProfile, job: JobFacts, tax: Taxonomy, derived: Derived): Feature {
  if (person.desiredOccupations.includes(job.occupationCode)) {
    return { f: 1, code: 'occupation_wanted', params: { occupation: job.occupationCode } };
  }
  if (derived.desiredSubcategories.has(tax.subcategory(job.occupationCode))) {
    return { f: OCCUPATION.sameSubcategory, code: 'occupation_related', params: { occupation: job.occupationCode } };
  }
  if (derived.desiredCategories.has(job.categoryCode)) {
    return { f: OCCUPATION.sameCategory, code: 'occupation_related', params: { occupation: job.occupationCode } };
  }
  return none();
}

function skills(job: JobFacts, tax: Taxonomy, derived: Derived): Feature {
  const explicit = job.skillCodes.length > 0;
  const required = explicit ? job.skillCodes : tax.occupationSkills(job.occupationCode);
  if (required.length === 0) return none();
  const { held } = derived;
  const direct: string[] = [];
  const viaRelated: string[] = [];
  let credit = 0;
  for (const code of required) {
    const level = held.get(code);
    if (level) {
      const least = job.requiredSkillLevels[code];
      credit += SKILLS.level[level] * (least && LEVEL_RANK[level] < LEVEL_RANK[least] ? SKILLS.belowLevel : 1);
      direct.push(code);
      continue;
    }
    const related = tax.related(code).find((r) => held.has(r));
    if (related) {
      credit += SKILLS.related;
      viaRelated.push(related);
    }
  }
  const coverage = credit / required.length;
  if (coverage === 0) {
    // A certificate for the occupation stands for its skills: no penalty for not listing them.
    return explicit && !derived.certifiedFor.has(job.occupationCode)
      ? { f: SKILLS.missingPenalty, code: 'skills_missing', params: { skills: [...required] } }
      : none();
  }
  const preferred = job.preferredSkillCodes.filter((code) => held.has(code));
  const bonus = job.preferredSkillCodes.length
    ? (SKILLS.preferredBonus * preferred.length) / job.preferredSkillCodes.length
    : 0;
  const f = Math.min(1, coverage + bonus);
  if (direct.length === 0) return { f, code: 'skills_related', params: { skills: [...new Set(viaRelated)] } };
  const code = direct.length === required.length ? 'skills_all' : 'skills_some';
  return { f, code, params: { skills: [...direct, ...preferred.filter((p) => !direct.includes(p))] } };
}

const LEVEL_RANK = { beginner: 0, intermediate: 1, skilled: 2, expert: 3 } as const;

/**
 * Certificates: a licence the person lacks never reaches here (hard rule) unless the employer
 * trains for it; a qualification the vacancy requires and the person lacks pulls the job down; a
 * health certificate is an entry condition, never a qualification for the occupation.
 */
function certificate(person: PersonProfile, job: JobFacts, tax: Taxonomy, derived: Derived): Feature {
  if (licenceState(person.certificates, job, tax) === 'trains') {
    const licence = tax.licencesFor(job.occupationCode)[0] ?? job.requiredCertificates.find((k) => tax.isLicence(k));
    return { f: CERTIFICATE.trains, code: 'trains_for_certificate', params: { certificate: licence ?? null } };
  }
  const lacking = job.requiredCertificates.filter((k) => !tax.isLicence(k) && !person.certificates.includes(k));
  const lackingQualification = lacking.find((k) => !tax.isHealth(k));
  if (lackingQualification) {
    return {
      f: CERTIFICATE.missingRequired,
      code: 'certificate_missing',
      params: { certificate: lackingQualification },
    };
  }
  const qualifying =
    derived.certifiedFor.get(job.occupationCode) ??
    job.requiredCertificates.find((k) => !tax.isHealth(k) && person.certificates.includes(k));
  if (qualifying) return { f: 1, code: 'certificate', params: { certificate: qualifying } };
  const health = lacking.find((k) => tax.isHealth(k));
  return health
    ? { f: CERTIFICATE.healthNeeded, code: 'health_certificate_needed', params: { certificate: health } }
    : none();
}

/** Under a kilometre usually means both points are the same county seat: the reason then names no distance. */
function location(person: PersonProfile, job: JobFacts): Feature & { km: number | null } {
  const tier = locationTier(person, job.regionCode);
  const km = person.point && job.point ? round1(distanceKm(person.point, job.point)) : null;
  const tierValue = LOCATION.tier[tier];
  const proximity = km === null ? tierValue : 1 / (1 + km / LOCATION.halfKm);
  const f = LOCATION.tierShare * tierValue + (1 - LOCATION.tierShare) * proximity;
  return {
    f,
    code: `place_${tier}`,
    params: { region: job.regionCode, km: tier === 'township' || km === null || km < 1 ? null : km },
    km,
  };
}

/** The pay a job typically gives in a month: the middle of its range, day wages as a month of work. */
export function typicalMonthly(
  job: Pick<JobFacts, 'wageMin' | 'wageMax' | 'payBasis'> & { contractType?: JobFacts['contractType'] },
): number {
  return monthly((job.wageMin + job.wageMax) / 2, job.payBasis, job.contractType);
}

const SHORT_WORK = new Set(['seasonal', 'part_time']);

/** Day wages compared as a month of work (fewer days for seasonal or part-time work); piece rates are stated per month already. */
export function monthly(
  amount: number,
  payBasis: JobFacts['payBasis'],
  contractType?: JobFacts['contractType'],
): number {
  if (payBasis !== 'day') return amount;
  const days = contractType && SHORT_WORK.has(contractType) ? WAGE.seasonalDaysPerMonth : WAGE.daysPerMonth;
  return Math.round(amount * days);
}

/**
 * Pay against the expectation, on the typical pay of the range (its middle): a wide range's top
 * promises little. A public-welfare post for someone it is meant for is compared with the post
 * standard instead; labour dispatch keeps part of the credit of a direct hire.
 */
function wage(person: PersonProfile, job: JobFacts): Feature {
  const max = monthly(job.wageMax, job.payBasis, job.contractType);
  const typical = typicalMonthly(job);
  if (job.publicWelfarePost && person.hardToEmploy) {
    return typical >= WAGE.publicWelfareStandard
      ? { f: WAGE.reaches, code: 'wage_post_standard', params: { max } }
      : none();
  }
  const expected = person.expectedWage;
  if (!expected) return none();
  const min = monthly(job.wageMin, job.payBasis, job.contractType);
  const share = job.contractType === 'labour_dispatch' ? WAGE.dispatchShare : 1;
  if (typical >= expected) return { f: share, code: 'wage_meets', params: { min, max, expected } };
  if (max >= expected) return { f: WAGE.reaches * share, code: 'wage_reaches', params: { max, expected } };
  const shortfall = (expected - max) / expected;
  return {
    f: -Math.min(1, shortfall * WAGE.shortfallSlope),
    code: 'wage_below',
    params: { max, expected, gap: expected - max },
  };
}

function accommodation(person: PersonProfile, job: JobFacts): Feature {
  const away = awayFromHomeCounty(person.regionCode, job.regionCode);
  if (person.needsAccommodation && away) {
    return job.accommodation
      ? { f: ACCOMMODATION.providedWhenNeeded, code: 'accommodation_provided', params: {} }
      : { f: ACCOMMODATION.missingWhenNeeded, code: 'accommodation_missing', params: {} };
  }
  return job.accommodation ? { f: ACCOMMODATION.offered, code: 'accommodation_offered', params: {} } : none();
}

const STAYS = new Set(['township', 'county']);

function employerKind(person: PersonProfile, job: JobFacts): Feature {
  const workshop = job.employerKind === 'poverty_workshop' || job.employerKind === 'poverty_base';
  if (workshop && !awayFromHomeCounty(person.regionCode, job.regionCode)) {
    const f = STAYS.has(person.mobility) ? EMPLOYER_KIND.workshopForStayer : EMPLOYER_KIND.workshopNearHome;
    return { f, code: 'workshop_near_home', params: { kind: job.employerKind } };
  }
  return none();
}

/** A public-welfare post for someone hard to employ: the post exists for them, most of all near home. */
function publicWelfare(person: PersonProfile, job: JobFacts, audience: Audience): Feature {
  // Being marked hard to employ is not for an employer's eyes.
  if (!job.publicWelfarePost || !person.hardToEmploy || audience === 'employer') return none();
  const f = awayFromHomeCounty(person.regionCode, job.regionCode) ? EMPLOYER_KIND.publicWelfareForHardToEmploy : 1;
  return { f, code: 'public_welfare', params: {} };
}

function disability(person: PersonProfile, job: JobFacts, audience: Audience): Feature {
  if (audience === 'employer' || !person.disability || !job.disabilityFriendly) return none();
  return { f: 1, code: 'disability_friendly', params: {} };
}

function freshness(job: JobFacts, now: Date): Feature {
  if (job.publishedAt === null) return none();
  const days = Math.max(0, Math.floor((now.getTime() / 1000 - job.publishedAt) / 86_400));
  if (days <= FRESHNESS.newDays) return { f: 1, code: 'fresh', params: { days } };
  if (days <= FRESHNESS.recentDays) return { f: 0.5, code: 'recent', params: { days } };
  return none();
}

export function employerRecordFeature(record: EmployerRecord): Feature {
  const { hires, decided, retained } = record;
  if (decided < EMPLOYER_RECORD.minDecided) {
    return hires > 0 ? { f: EMPLOYER_RECORD.hiresOnly, code: 'record_hires', params: { hires } } : none();
  }
  const { priorRate: prior, priorStrength } = EMPLOYER_RECORD;
  const rate = (retained + prior * priorStrength) / (decided + priorStrength);
  const f = rate >= prior ? (rate - prior) / (1 - prior) : (rate - prior) / prior;
  if (Math.abs(f) < EMPLOYER_RECORD.minEffect) return none();
  return f > 0
    ? { f, code: 'record_good', params: { hires, decided, retained } }
    : { f, code: 'record_poor', params: { decided, left: decided - retained } };
}

export function crowdingFeature(job: Pick<JobFacts, 'headcount'>, crowding: Crowding): Feature {
  const places = Math.max(0, job.headcount - crowding.taken);
  if (places === 0) return { f: -1, code: 'crowded_full', params: {} };
  const ratio = crowding.open / places;
  if (ratio >= CROWDING.crowdedFrom) {
    const f = -Math.min(1, 0.25 + (ratio - CROWDING.crowdedFrom) / CROWDING.crowdedSlope);
    return { f, code: 'crowded', params: { open: crowding.open, places } };
  }
  if (ratio < CROWDING.quietBelow && places >= CROWDING.quietMinPlaces) {
    return { f: CROWDING.quiet, code: 'few_applicants', params: { places } };
  }
  return none();
}

/** Pay and kind bonuses: a job that does not fit the person's work keeps only a share of them. */
const BONUSES: ReadonlySet<FeatureName> = new Set([
  'wage',
  'accommodation',
  'employerKind',
  'freshness',
  'employerRecord',
  'crowding',
]);

/**
 * Scores one person against one job with every feature of weights.ts. Only features that move
 * the match (a value other than zero) are kept, each with the code of its reason.
 */
export function scorePair(person: PersonProfile, job: JobFacts, ctx: PairContext): PairScore {
  const { taxonomy: tax, audience } = ctx;
  const forPerson = audience === 'person';
  const derived = derive(person, tax);
  const place = location(person, job);
  const locationWeight = WEIGHTS.location * LOCATION_WEIGHT_BY_MOBILITY[person.mobility];
  const parts: Array<[FeatureName, number, Feature]> = [
    ['occupation', WEIGHTS.occupation, occupation(person, job, tax, derived)],
    ['skills', WEIGHTS.skills, skills(job, tax, derived)],
    ['certificate', WEIGHTS.certificate, certificate(person, job, tax, derived)],
    ['publicWelfare', WEIGHTS.publicWelfare, publicWelfare(person, job, audience)],
    ['location', locationWeight, place],
    ['wage', WEIGHTS.wage, wage(person, job)],
    ['accommodation', WEIGHTS.accommodation, accommodation(person, job)],
    ['employerKind', WEIGHTS.employerKind, employerKind(person, job)],
    ['disability', WEIGHTS.disability, disability(person, job, audience)],
  ];
  if (forPerson) parts.push(['freshness', WEIGHTS.freshness, freshness(job, ctx.now)]);
  if (ctx.record) {
    const record = employerRecordFeature(ctx.record);
    const demote = record.f < 0 && ctx.record.decided >= EMPLOYER_RECORD.demoteFrom;
    parts.push(['employerRecord', demote ? WEIGHTS.poorRetention : WEIGHTS.employerRecord, record]);
  }
  if (ctx.crowding) parts.push(['crowding', WEIGHTS.crowding, crowdingFeature(job, ctx.crowding)]);
  if (ctx.feedback?.notInterested.has(job.id)) {
    parts.push(['feedback', WEIGHTS.notInterested, { f: -1, code: 'not_interested', params: {} }]);
  } else if (ctx.feedback?.notInterestedOccupations.has(job.occupationCode)) {
    parts.push(['feedback', WEIGHTS.similarNotInterested, { f: -1, code: 'similar_not_interested', params: {} }]);
  }

  // Fit first: people who named the work they want get jobs of that work before anything else. A
  // skill merely related to one of theirs (a cook's cooking to a nanny's home cooking) is no fit.
  const fitsWork =
    person.desiredOccupations.length === 0 ||
    parts.some(([feature, , { f, code }]) => f > 0 && FIT_FEATURES.has(feature) && code !== 'skills_related');
  const fits = fitsWork && !ctx.feedback?.notInterested.has(job.id);
  const contributions: Contribution[] = [];
  let raw = 0;
  for (const [feature, weight, { f, code, params }] of parts) {
    if (f === 0) continue;
    const share = !fits && f > 0 && BONUSES.has(feature) ? FIT.unfitBonusShare : 1;
    const value = weight * f * share;
    raw += value;
    contributions.push({ feature, code, value, params });
  }
  const best = bestPossible(person, ctx, locationWeight);
  return { raw, score: Math.min(1, Math.max(0, raw / best)), distanceKm: place.km, contributions, fits, fitsWork };
}

const FIT_FEATURES: ReadonlySet<FeatureName> = new Set(['occupation', 'skills', 'certificate', 'publicWelfare']);

/** The most this person could score: the weights of the features that can apply to them at all. */
export function bestPossible(person: PersonProfile, ctx: PairContext, locationWeight: number): number {
  const stays = STAYS.has(person.mobility);
  let best = locationWeight;
  if (person.desiredOccupations.length) best += WEIGHTS.occupation;
  if (person.skills.length) best += WEIGHTS.skills;
  if (person.certificates.length) best += WEIGHTS.certificate;
  if (person.expectedWage) best += WEIGHTS.wage;
  best += WEIGHTS.accommodation * (person.needsAccommodation ? 1 : ACCOMMODATION.offered);
  best += WEIGHTS.employerKind * (stays ? EMPLOYER_KIND.workshopForStayer : EMPLOYER_KIND.workshopNearHome);
  if (person.hardToEmploy && ctx.audience !== 'employer') best += WEIGHTS.publicWelfare;
  if (person.disability && ctx.audience !== 'employer') best += WEIGHTS.disability;
  if (ctx.audience === 'person') best += WEIGHTS.freshness;
  if (ctx.record) best += WEIGHTS.employerRecord;
  if (ctx.crowding) best += WEIGHTS.crowding * CROWDING.quiet;
  return best;
}
