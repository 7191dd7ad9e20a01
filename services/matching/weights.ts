/**
 * How matching orders jobs for a person (and people for a job): every number that shapes a
 * ranking lives here, so a change of policy is a change of this file and a run of
 * `npm run eval:matching` on the fixture.
 *
 * A match's score is the sum of its features' contributions, divided by the most this person
 * could get (the sum of the positive weights that apply to them), clamped to 0..1. Each feature
 * is a value in -1..1 multiplied by its weight below; a feature that is not zero moves the job up
 * or down and always comes with a reason the person can read.
 *
 * The hard rules (area the person will move to, age range, open/verified/not expired, public-welfare
 * posts only for people marked hard to employ) are filters, not weights: see area.ts and hard-rules.ts.
 */
export const WEIGHTS = {
  // ── positive features: these add up to 1, so a perfect job scores 1 ──
  /** The job is an occupation the person asked for (same category earns a part). */
  occupation: 0.18,
  /** The person has the skills the job asks for; related skills count in part. */
  skills: 0.18,
  /** The person holds a certificate that qualifies for the occupation (often a legal requirement). */
  certificate: 0.1,
  /** Same township > county > city > province > partner region > elsewhere, then distance. */
  location: 0.22,
  /** Pay against the wage the person expects (negative when clearly below it). */
  wage: 0.12,
  /** Accommodation for someone who leaves home county and needs a bed (negative without one). */
  accommodation: 0.06,
  /** A poverty-alleviation workshop or base near home for someone who stays; a public-welfare post for someone hard to employ. */
  employerKind: 0.04,
  /** A disability-friendly job for a person with a disability. */
  disability: 0.03,
  /** A public-welfare post (公益性岗位) for someone hard to employ: the post exists for them (full in the home county). */
  publicWelfare: 0.16,
  /** Published in the last days: the employer is hiring now. */
  freshness: 0.02,
  /** The employer's hires through the platform and how many stayed three months (negative when many left early). */
  employerRecord: 0.03,
  /** Few applicants for the places left (negative when many more applied than places). */
  crowding: 0.02,

  // ── penalties: not part of the maximum, they only pull a job down ──
  /** The person said "not interested" in this very job: it sinks below every other match. */
  notInterested: 1.0,
  /** The job is the same occupation as one the person said "not interested" in. */
  similarNotInterested: 0.04,
  /** Poor three-month retention over enough hires (EMPLOYER_RECORD.demoteFrom): a clear demotion. */
  poorRetention: 0.15,
} as const;

export type FeatureName =
  Exclude<keyof typeof WEIGHTS, 'notInterested' | 'similarNotInterested' | 'poorRetention'> | 'feedback';

/**
 * Someone who wants to stay near home cares more about where the job is than someone ready to go
 * anywhere: the location weight is multiplied by this for the person's mobility.
 */
export const LOCATION_WEIGHT_BY_MOBILITY = {
  township: 1.25,
  county: 1.15,
  city: 1.0,
  province: 0.85,
  partner_region: 0.8,
  anywhere: 0.7,
} as const;

/** Value of each location tier before distance (the tier carries 70 %, proximity 30 %). */
export const LOCATION = {
  tier: { township: 1.0, county: 0.85, city: 0.6, province: 0.4, partner: 0.3, elsewhere: 0.15 },
  tierShare: 0.7,
  /** Proximity is 1 / (1 + km / halfKm): 1 at the door, 0.5 at halfKm. */
  halfKm: 25,
} as const;

export const OCCUPATION = {
  /** Another occupation of a desired one's subcategory (tea picking for a tea-garden worker) earns this much. */
  sameSubcategory: 0.4,
  /** Only the broad category (tea for a mushroom grower, both "agriculture"): a little. */
  sameCategory: 0.1,
};

/**
 * Fit first: a job with no occupation, skill or certificate fit (and not a public-welfare post for
 * an eligible person; a skill only related to one of theirs is no fit) keeps only this share of its
 * pay and kind bonuses and ranks below every fitting job; a skilled trade without fit is not offered
 * at all (`rankJobs`). People with no wished occupation take any work: the rule does not apply to them.
 */
export const FIT = {
  unfitBonusShare: 0.3,
};

export const CERTIFICATE = {
  /** The person lacks the licence, but the employer trains and certifies. */
  trains: 0.3,
  /** The vacancy requires a qualification (not a licence) the person does not hold. */
  missingRequired: -0.5,
  /** The vacancy asks for a health certificate the person has not registered: easy to get, a small minus. */
  healthNeeded: -0.15,
};

export const SKILLS = {
  /** Credit for a required skill the person does not have but has a related one (Skill.relatedCodes). */
  related: 0.5,
  /** Credit for a required skill held, by level: a beginner is not yet a skilled hand. */
  level: { beginner: 0.75, intermediate: 0.9, skilled: 1, expert: 1 },
  /** Added per preferred skill held, as a share of the preferred list, up to this. */
  preferredBonus: 0.15,
  /** When a job lists required skills and the person has none of them, nor a related one, nor a certificate for the occupation. */
  missingPenalty: -0.6,
  /** A required skill held below the level the vacancy asks for earns this share of its credit. */
  belowLevel: 0.5,
};

export const WAGE = {
  /** A day wage is compared as this many working days a month. */
  daysPerMonth: 26,
  /** ...and seasonal or part-time day work as this many: picking season is not a month of full pay. */
  seasonalDaysPerMonth: 12,
  /** Labour dispatch (劳务派遣) against a direct hire at the same pay: the wage credit keeps this share. */
  dispatchShare: 0.8,
  /** A public-welfare post is compared with the post standard (about the local minimum wage), not the person's wish. */
  publicWelfareStandard: 1800,
  /** The top of the range reaches the expectation, the bottom does not. */
  reaches: 0.5,
  /** Below expectation: the feature is -(shortfall share × this), down to -1 (a third short). */
  shortfallSlope: 3,
};

export const ACCOMMODATION = {
  /** Needs a bed, leaves home county, and the job gives one / does not. */
  providedWhenNeeded: 1,
  missingWhenNeeded: -1,
  /** Offered when it is not strictly needed: a small plus. */
  offered: 0.3,
};

export const EMPLOYER_KIND = {
  /** Workshop or base in the home county for someone whose mobility is township or county. */
  workshopForStayer: 1,
  /** The same for someone who would also go further. */
  workshopNearHome: 0.4,
  /** A public-welfare post (公益性岗位) offered to someone an officer marked hard to employ. */
  publicWelfareForHardToEmploy: 0.6,
};

export const FRESHNESS = {
  /** Published at most this many days ago: full value; within recentDays: half. */
  newDays: 3,
  recentDays: 14,
};

export const EMPLOYER_RECORD = {
  /** Three-month retention is judged only with at least this many hires whose three months are over. */
  minDecided: 2,
  /** Retention expected of an ordinary employer, and how many imaginary hires hold the estimate to it. */
  priorRate: 0.7,
  priorStrength: 2,
  /** Hires through the platform but none old enough to judge retention: a small plus. */
  hiresOnly: 0.2,
  /** From this many judged hires, poor retention is a clear demotion (WEIGHTS.poorRetention). */
  demoteFrom: 4,
  /** Smaller effects than this are noise and give no reason. */
  minEffect: 0.05,
  /** Leaving within this many months of the start counts as an early leave. */
  retentionMonths: 3,
};

export const CROWDING = {
  /** Applicants per remaining place from which the job counts as crowded; fully crowded at +slope. */
  crowdedFrom: 2,
  crowdedSlope: 4,
  /** Fewer applicants per place than this, with at least minPlaces places left: a small plus. */
  quietBelow: 0.5,
  quietMinPlaces: 2,
  quiet: 0.5,
};

/**
 * The candidate stage: how many documents Meilisearch hands to the re-rank. Each document fetched
 * costs Meilisearch time, and so does sorting by distance over many: see jobs.search.ts.
 */
export const CANDIDATE_STAGE = {
  /** Any job in the person's own township (a township job beats the rest of the county). */
  townshipLimit: 10,
  /** Any job near home: the home county, or the area if smaller. */
  nearbyLimit: 20,
  /** Jobs of the person's wanted or certified occupations or held skills near home. */
  relevantLimit: 40,
  /** The same in the rest of the home city, for people who go that far. */
  cityLimit: 25,
  /** The same in the rest of a wider area (province, partner regions, anywhere). */
  wideLimit: 25,
  /**
   * Neighbouring work (related skills, same-subcategory occupations, nothing stronger) near home
   * or in the home city.
   */
  relatedLimit: 15,
  /** The same in the rest of a wider area. */
  relatedWideLimit: 10,
  /** People for a vacancy: those whose wishes, skills or certificates fit, nearest first. */
  peopleRelevantLimit: 150,
  /** People for a vacancy: anyone living in its county, nearest first. */
  peopleNearbyLimit: 50,
  /** Extra matches hydrated beyond the limit, in case some changed since they were indexed. */
  hydrateSpare: 3,
};
