import { distanceKm } from '../platform/geo.ts';
import { awayFromHomeCounty, locationTier } from './area.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { Audience, Crowding, EmployerRecord, JobFacts, PersonFeedback, PersonProfile } from './types.ts';
import {
  ACCOMMODATION,
  CROWDING,
  EMPLOYER_KIND,
  EMPLOYER_RECORD,
  type FeatureName,
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
}

const none = (code = ''): Feature => ({ f: 0, code, params: {} });

/** What the features need of a person, worked out once per person rather than once per job. */
interface Derived {
  held: Map<string, PersonProfile['skills'][number]['level']>;
  desiredCategories: Set<string | undefined>;
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
    certifiedFor,
  };
  derivedCache.set(person, { tax, derived });
  return derived;
}
const round1 = (km: number) => Math.round(km * 10) / 10;

function occupation(person: PersonProfile, job: JobFacts, derived: Derived): Feature {
  if (person.desiredOccupations.includes(job.occupationCode)) {
    return { f: 1, code: 'occupation_wanted', params: { occupation: job.occupationCode } };
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
      credit += SKILLS.level[level];
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

function certificate(job: JobFacts, derived: Derived): Feature {
  const qualifying = derived.certifiedFor.get(job.occupationCode);
  return qualifying ? { f: 1, code: 'certificate', params: { certificate: qualifying } } : none();
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
export function typicalMonthly(job: Pick<JobFacts, 'wageMin' | 'wageMax' | 'payBasis'>): number {
  return monthly((job.wageMin + job.wageMax) / 2, job.payBasis);
}

/** Day wages compared as a month of work; piece rates are stated per month already. */
export function monthly(amount: number, payBasis: JobFacts['payBasis']): number {
  return payBasis === 'day' ? amount * WAGE.daysPerMonth : amount;
}

function wage(person: PersonProfile, job: JobFacts): Feature {
  const expected = person.expectedWage;
  if (!expected) return none();
  const min = monthly(job.wageMin, job.payBasis);
  const max = monthly(job.wageMax, job.payBasis);
  if (min >= expected) return { f: 1, code: 'wage_meets', params: { min, max, expected } };
  if (max >= expected) return { f: WAGE.reaches, code: 'wage_reaches', params: { max, expected } };
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

function employerKind(person: PersonProfile, job: JobFacts, audience: Audience): Feature {
  const workshop = job.employerKind === 'poverty_workshop' || job.employerKind === 'poverty_base';
  if (workshop && !awayFromHomeCounty(person.regionCode, job.regionCode)) {
    const f = STAYS.has(person.mobility) ? EMPLOYER_KIND.workshopForStayer : EMPLOYER_KIND.workshopNearHome;
    return { f, code: 'workshop_near_home', params: { kind: job.employerKind } };
  }
  // Being marked hard to employ is not for an employer's eyes.
  if (job.publicWelfarePost && person.hardToEmploy && audience !== 'employer') {
    return { f: EMPLOYER_KIND.publicWelfareForHardToEmploy, code: 'public_welfare', params: {} };
  }
  return none();
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
    ['occupation', WEIGHTS.occupation, occupation(person, job, derived)],
    ['skills', WEIGHTS.skills, skills(job, tax, derived)],
    ['certificate', WEIGHTS.certificate, certificate(job, derived)],
    ['location', locationWeight, place],
    ['wage', WEIGHTS.wage, wage(person, job)],
    ['accommodation', WEIGHTS.accommodation, accommodation(person, job)],
    ['employerKind', WEIGHTS.employerKind, employerKind(person, job, audience)],
    ['disability', WEIGHTS.disability, disability(person, job, audience)],
  ];
  if (forPerson) parts.push(['freshness', WEIGHTS.freshness, freshness(job, ctx.now)]);
  if (ctx.record) parts.push(['employerRecord', WEIGHTS.employerRecord, employerRecordFeature(ctx.record)]);
  if (ctx.crowding) parts.push(['crowding', WEIGHTS.crowding, crowdingFeature(job, ctx.crowding)]);
  if (ctx.feedback?.notInterested.has(job.id)) {
    parts.push(['feedback', WEIGHTS.notInterested, { f: -1, code: 'not_interested', params: {} }]);
  } else if (ctx.feedback?.notInterestedOccupations.has(job.occupationCode)) {
    parts.push(['feedback', WEIGHTS.similarNotInterested, { f: -1, code: 'similar_not_interested', params: {} }]);
  }

  const contributions: Contribution[] = [];
  let raw = 0;
  for (const [feature, weight, { f, code, params }] of parts) {
    if (f === 0) continue;
    const value = weight * f;
    raw += value;
    contributions.push({ feature, code, value, params });
  }
  const best = bestPossible(person, ctx, locationWeight);
  return { raw, score: Math.min(1, Math.max(0, raw / best)), distanceKm: place.km, contributions };
}

/** The most this person could score: the weights of the features that can apply to them at all. */
export function bestPossible(person: PersonProfile, ctx: PairContext, locationWeight: number): number {
  const stays = STAYS.has(person.mobility);
  let best = locationWeight;
  if (person.desiredOccupations.length) best += WEIGHTS.occupation;
  if (person.skills.length) best += WEIGHTS.skills;
  if (person.certificates.length) best += WEIGHTS.certificate;
  if (person.expectedWage) best += WEIGHTS.wage;
  best += WEIGHTS.accommodation * (person.needsAccommodation ? 1 : ACCOMMODATION.offered);
  const publicWelfare =
    person.hardToEmploy && ctx.audience !== 'employer' ? EMPLOYER_KIND.publicWelfareForHardToEmploy : 0;
  best +=
    WEIGHTS.employerKind *
    Math.max(stays ? EMPLOYER_KIND.workshopForStayer : EMPLOYER_KIND.workshopNearHome, publicWelfare);
  if (person.disability && ctx.audience !== 'employer') best += WEIGHTS.disability;
  if (ctx.audience === 'person') best += WEIGHTS.freshness;
  if (ctx.record) best += WEIGHTS.employerRecord;
  if (ctx.crowding) best += WEIGHTS.crowding * CROWDING.quiet;
  return best;
}
