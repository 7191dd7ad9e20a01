import type {
  ContractType,
  EmployerKind,
  Mobility,
  PayBasis,
  SkillLevel,
} from '../platform/database/generated/enums.ts';

export type Point = { lat: number; lng: number };
export type Lang = 'zh-CN' | 'en';

/** What matching knows of a person: no name, no ID number, nothing it does not rank on. */
export interface PersonProfile {
  id: string;
  /** Household registration (户籍): the "home" every location rule is measured from. */
  regionCode: string;
  point: Point | null;
  age: number;
  mobility: Mobility;
  skills: Array<{ code: string; level: SkillLevel }>;
  certificates: string[];
  desiredOccupations: string[];
  expectedWage: number | null;
  needsAccommodation: boolean;
  hardToEmploy: boolean;
  disability: boolean;
  /** Region prefixes of the cooperation partners of the person's home: a tier of their own, and inside the area for partner_region mobility. */
  partnerRegions: string[];
}

/** What matching knows of a job: the fields of the vacancy index document it ranks on (names come from the database). */
export interface JobFacts {
  id: string;
  employerId: string;
  employerKind: EmployerKind;
  occupationCode: string;
  categoryCode: string;
  skillCodes: string[];
  preferredSkillCodes: string[];
  regionCode: string;
  point: Point | null;
  wageMin: number;
  wageMax: number;
  payBasis: PayBasis;
  /** Seasonal and part-time work lasts weeks, not months: day wages are not a month's pay. */
  contractType: ContractType;
  headcount: number;
  ageMin: number | null;
  ageMax: number | null;
  accommodation: boolean;
  meals: boolean;
  disabilityFriendly: boolean;
  publicWelfarePost: boolean;
  /** Certificate kinds the vacancy requires (operating licences are a hard rule, see hard-rules.ts). */
  requiredCertificates: string[];
  /** Least level per required skill. */
  requiredSkillLevels: Partial<Record<string, SkillLevel>>;
  /** The employer trains newcomers and gets them the licence the occupation needs. */
  trainsForCertificate: boolean;
  /** Unix seconds, as in the index. */
  publishedAt: number | null;
  expiresAt: number | null;
}

/** From the employer's applications: hires, and how many of the judged ones stayed three months. */
export interface EmployerRecord {
  hires: number;
  decided: number;
  retained: number;
}

/** How busy a vacancy already is. */
export interface Crowding {
  /** Applications still in play (applied, viewed, interview, offered). */
  open: number;
  /** Places already taken (hired or started). */
  taken: number;
}

export interface PersonFeedback {
  notInterested: ReadonlySet<string>;
  /** Occupations of the jobs the person said "not interested" in. */
  notInterestedOccupations: ReadonlySet<string>;
}

/** Who reads the reasons: the person about a job, or an employer/officer about a person. */
export type Audience = 'person' | 'employer' | 'officer';

export interface Reason {
  code: string;
  text: string;
}
