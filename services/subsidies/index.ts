import type { FormOptionsSource } from '../labourers/index.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { createClaimEngine } from './claim-engine.ts';
import type { FactSources, GraduateRecordLookup } from './claim-facts.ts';
import { createClaimsRepository } from './claims.repository.ts';
import { createSubsidiesRepository } from './subsidies.repository.ts';
import { createSelfClaimsRepository } from './self-claims.repository.ts';
import { createClaimSubjectsRepository } from './claim-subjects.repository.ts';
import { officerClaimPages } from './officer-claims.pages.ts';
import { selfClaimsPages } from './self-claims.pages.ts';
import { selfClaimsRoutes } from './self-claims.routes.ts';
import type { Claim, ClaimCreate } from './claims.contract.ts';
import { claimsPages } from './claims.pages.ts';
import { claimsRoutes } from './claims.routes.ts';
import { PROVINCE_CODE, programmeCatalogue } from './programme-catalogue.ts';
import { createProgrammesRepository } from './programmes.repository.ts';
import { subsidiesPages } from './subsidies.pages.ts';
import { subsidiesRoutes } from './subsidies.routes.ts';
import { subsidiesJobs } from './subsidies.jobs.ts';
import { DEFAULT_SUBSIDY_RULES, subsidyConfig, type SubsidyRules } from './subsidy-settings.ts';

export type { Claim, ClaimCreate } from './claims.contract.ts';
export type { ClaimCheck, GraduateFacts } from './claim-rules.ts';
export type { GraduateRecordLookup } from './claim-facts.ts';
export { subsidyFigures, type SubsidyFigureRow } from './claims-figures.repository.ts';
export { CERTIFICATE_LEVELS, type CertificateLevel } from './certificate-levels.ts';

/**
 * Creates a claim on a programme for another module (training: `training` and `appraisal` claims
 * with `reference` = the certificate or training record, `labourerId` = the person; graduates:
 * `graduate_job_seeking` with `labourerId`, passing its own record lookup in `sources`). The
 * platform acts: no region limit, the steps are signed by nobody. Throws ConflictError
 * (`reason: 'duplicate'`) for a subject claimed already and (`reason: 'not_eligible'`, with the
 * failed checks) when the records do not bear the claim out.
 */
export function claimFor(
  db: Db,
  input: Omit<ClaimCreate, 'evidence' | 'submit'> & Partial<Pick<ClaimCreate, 'evidence' | 'submit'>>,
  sources: FactSources = {},
): Promise<Claim> {
  return engineOver(db, sources).claims.create(null, { evidence: {}, submit: true, ...input });
}
export { claimFor as createClaim };

/**
 * Where the claims made on other modules' records stand (training: the `training` and `appraisal`
 * claims on certificates), read-only: the claim engine owns them and moves them on.
 */
export function claimsOnReferences(db: Db, references: string[], programmeCodes: string[]) {
  return createClaimsRepository(db).byReferences(references, programmeCodes);
}

const engineOver = (db: Db, sources: FactSources = {}) =>
  createClaimEngine(
    {
      claims: createClaimsRepository(db),
      programmes: createProgrammesRepository(db),
      hiring: createSubsidiesRepository(db),
      self: createSelfClaimsRepository(db),
      subjects: createClaimSubjectsRepository(db),
    },
    undefined,
    sources,
  );

/** Creates the missing programmes and province rules (the hiring subsidy's from SUBSIDY_* when given). */
export function seedProgrammes(db: Db, hiring: SubsidyRules = DEFAULT_SUBSIDY_RULES) {
  return createProgrammesRepository(db).seed(programmeCatalogue(hiring), PROVINCE_CODE);
}

/**
 * Subsidies on one claim engine: programmes with settings per region (seeded at start, the hiring
 * subsidy's from SUBSIDY_* when set, then owned by officers), claims from draft to paid, the hiring
 * subsidy's eligibility list and the public-welfare posts' monthly claims.
 */
export interface SubsidiesDeps extends CoreDeps {
  formOptions: FormOptionsSource;
  /** The graduates module's record of a person: the graduates' subsidy is checked against it. */
  graduateRecord: GraduateRecordLookup;
}

export const subsidiesModule: AppModule<SubsidiesDeps> = {
  name: 'subsidies',
  config: [subsidyConfig],
  async setUp({ config, db, log, formOptions, graduateRecord }) {
    await seedProgrammes(db, config.section(subsidyConfig));
    const engine = engineOver(db, { graduateRecord });
    return {
      jobs: subsidiesJobs(engine, log),
      async register(app) {
        await app.register(subsidiesRoutes, { subsidies: engine.hiring });
        await app.register(subsidiesPages, { subsidies: engine.hiring });
        await app.register(claimsRoutes, { engine });
        await app.register(claimsPages, { engine, formOptions });
        await app.register(officerClaimPages, { engine });
        await app.register(selfClaimsRoutes, { selfClaims: engine.selfClaims });
        await app.register(selfClaimsPages, { selfClaims: engine.selfClaims });
      },
    };
  },
};
