import { hashPassword } from '../identity/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { createFormOptions, type FormOptionsSource } from './form-options.ts';
import { labourersPages } from './labourers.pages.ts';
import { selfServicePages } from './self-service.pages.ts';
import { createLabourersRepository } from './labourers.repository.ts';
import { labourersRoutes } from './labourers.routes.ts';
import { createLabourersService, type LabourersService } from './labourers.service.ts';
import { createFormOptionsRepository } from './form-options.repository.ts';
import { freshnessConfig } from './freshness.ts';
import { freshnessPages } from './freshness.pages.ts';
import { createFreshnessRepository } from './freshness.repository.ts';
import { createFreshnessService } from './freshness.service.ts';
import { createRegistryLookup, type RegistryLookup } from './registry-lookup.repository.ts';
export type { RegistryLookup, RegistryPerson } from './registry-lookup.repository.ts';
export { povertyByIdNumber, type PovertyByIdNumber, type PovertyOfIdNumber } from './registry-lookup.repository.ts';

export type { LabourersService } from './labourers.service.ts';
export { createFormOptions } from './form-options.ts';
export { formToInput } from './labourer-form.ts';
export { normaliseLabourer } from './labourer-record.ts';
export type { NormalisedLabourer } from './labourer-record.ts';
export { EDUCATION_LEVELS, EMPLOYMENT_STATUSES, LabourerCreateSchema } from './labourers.contract.ts';
export type { LabourerCreate } from './labourers.contract.ts';
export { nameKeys } from './name-search.ts';
export { encryptLegacyPhones } from './legacy-phones.repository.ts';
export type { FormOptionsSource } from './form-options.ts';
export { freshnessConfig, freshnessCutoffs, figuresOf, type FreshnessRules } from './freshness.ts';
export { createFreshnessRepository } from './freshness.repository.ts';
export { certificateByNumber, grantCertificate, type CertificateGrant } from './certificates.repository.ts';
// The one definition of the registered poor labour force (建档立卡), for every module's figures.
export { IN_WORK_STATUSES, isRegisteredPoor, PLAN_FIRST_YEAR, REGISTERED_POOR_STATUSES } from './registered-poor.ts';
export type { PovertyFacts } from './registered-poor.ts';
export { registeredPoorSql, registeredPoorWhere, seekingWorkSql } from './registered-poor.repository.ts';

/** The registry of labourers (求职登记 and officers' records): API, pages, exports. */
export const labourersModule: AppModule<
  CoreDeps,
  { labourers: LabourersService; formOptions: FormOptionsSource; registryLookup: RegistryLookup }
> = {
  name: 'labourers',
  config: [freshnessConfig],
  setUp({ config, db, pii, reference }) {
    const labourers = createLabourersService({ repo: createLabourersRepository(db), pii, reference, hashPassword });
    // Occupations, skills and regions as forms list them: shared by every module's forms.
    const formOptions = createFormOptions(createFormOptionsRepository(db));
    const freshness = createFreshnessService({
      repo: createFreshnessRepository(db),
      rules: config.section(freshnessConfig),
      reference,
    });
    return {
      provides: { labourers, formOptions, registryLookup: createRegistryLookup(db, pii) },
      async register(app) {
        await app.register(labourersRoutes, { labourers });
        await app.register(labourersPages, { labourers, formOptions });
        await app.register(selfServicePages, { labourers, formOptions });
        await app.register(freshnessPages, { freshness, reference });
      },
    };
  },
};
