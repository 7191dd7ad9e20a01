import type { FormOptionsSource, RegistryLookup } from '../labourers/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { trainingRoutes } from './training.routes.ts';
import { createTrainingService, type TrainingService } from './training.service.ts';
import { createTrainingRepository } from './training.repository.ts';
import { createCoursesRepository } from './courses.repository.ts';
import { createCoursesService } from './courses.service.ts';
import { coursesRoutes } from './courses.routes.ts';
import { createOffersService } from './offers.service.ts';
import { trainingPages } from './training.pages.ts';
import { myTrainingPages } from './my-training.pages.ts';
import { courseSheetPages } from './course-sheet.pages.ts';
import { createAttendanceRepository } from './attendance.repository.ts';
import { createAttendanceService } from './attendance.service.ts';
import { attendanceRoutes } from './attendance.routes.ts';
import { attendancePages } from './attendance.pages.ts';
import { claimFor } from '../subsidies/index.ts';
import { createTrainingClaimsRepository } from './training-claims.repository.ts';
import { createTrainingClaims } from './training-claims.service.ts';
import { trainingClaimsRoutes } from './training-claims.routes.ts';
import { createProfileRepository } from './profile.repository.ts';
import { trainingProfileSection } from './profile-section.ts';
import { createTechSchoolsRepository } from './tech-schools.repository.ts';
import { createTechSchools, type TechSchools } from './tech-schools.service.ts';
import { techSchoolsRoutes } from './tech-schools.routes.ts';
import { techSchoolsPages } from './tech-schools.pages.ts';
import { createCertificateImportRepository } from './certificate-import.repository.ts';
import { createCertificateImport } from './certificate-import.service.ts';
import { certificateImportPages } from './certificate-import.pages.ts';
import { createTechSchoolAidRepository } from './tech-school-aid.repository.ts';
import { createTechSchoolAid } from './tech-school-aid.service.ts';
import { createTechSchoolApplicants } from './tech-school-applicants.service.ts';
import { techSchoolAidRoutes } from './tech-school-aid.routes.ts';
import { techSchoolAidPages } from './tech-school-aid.pages.ts';
import { createTechSchoolAidCheckRepository } from './tech-school-aid-check.repository.ts';
import { createTechSchoolAidCheck } from './tech-school-aid-check.service.ts';
import { techSchoolAidCheckPages } from './tech-school-aid-check.pages.ts';
import { createTechSchoolCareersRepository } from './tech-school-careers.repository.ts';
import { createTechSchoolCareers } from './tech-school-careers.service.ts';
import { techSchoolCareersRoutes } from './tech-school-careers.routes.ts';
import { createTargetsRepository } from './targets.repository.ts';
import { createSkillsFiguresRepository } from './skills-figures.repository.ts';
import { createTargets, type Targets } from './targets.service.ts';
import { targetsRoutes } from './targets.routes.ts';
import { targetsPages } from './targets.pages.ts';
import { hashPassword } from '../identity/index.ts';
import { createProvidersRepository } from './providers.repository.ts';
import { createProviders } from './providers.service.ts';
import { providersRoutes } from './providers.routes.ts';
import { providersPages } from './providers.pages.ts';
import type { Area } from '../platform/access/area.ts';

export type { TrainingService } from './training.service.ts';
export { TrainingInputSchema, TrainingSchema } from './training.contract.ts';
export { trainingView } from './training.presenter.ts';

/**
 * Technical-school figures of an area (a region prefix or several) for a period (reports' tech-school indicators): places
 * of the period end's intake year, the aid coverage of the students in school, and the period's
 * graduates with their placement in jobs.
 */
export type TechSchoolFiguresSource = (
  area: Area,
  period: { from: string; to: string },
) => Promise<Record<string, number>>;

/**
 * The skills figures of an area (a region prefix or several) and period: training wishes, offers, enrolments,
 * completions, certificates, work after them, and the yearly targets with progress (reports'
 * skills-indicators.ts defines them).
 */
export type SkillsFiguresSource = Targets['figures'];

/**
 * Training (/api/v1/training): people's training records (cooperation's household pages record
 * them too), the course catalogue, enrolments, offers from training wishes, completions that
 * write certificates; training providers with accounts of their own that run the courses given to them.
 */
export const trainingModule: AppModule<
  CoreDeps & { notifier: Notifier; formOptions: FormOptionsSource; registryLookup: RegistryLookup },
  { training: TrainingService; techSchoolFigures: TechSchoolFiguresSource; skillsFigures: SkillsFiguresSource }
> = {
  name: 'training',
  setUp({ db, reference, notifier, formOptions, registryLookup }) {
    const training = createTrainingService({ repo: createTrainingRepository(db), reference });
    const repo = createCoursesRepository(db);
    const courses = createCoursesService({ repo, reference });
    const offers = createOffersService({ repo, reference, notifier });
    const attendance = createAttendanceService({
      repo: createAttendanceRepository(db),
      courses,
      coursesRepo: repo,
      reference,
    });
    // Claims go through the subsidies' claim engine (its public claimFor); programmes are seeded when
    // the subsidies module sets up, before any request.
    const claims = createTrainingClaims({
      repo: createTrainingClaimsRepository(db),
      courses,
      claim: (input) => claimFor(db, input),
    });
    const providers = createProviders({ repo: createProvidersRepository(db), reference, hashPassword });
    const schools: TechSchools = createTechSchools({
      repo: createTechSchoolsRepository(db),
      reference,
      registry: registryLookup,
    });
    const aidRepo = createTechSchoolAidRepository(db);
    const aid = createTechSchoolAid({ repo: aidRepo, reference });
    const applicants = createTechSchoolApplicants({ repo: aidRepo, reference });
    const checks = createTechSchoolAidCheck({
      repo: createTechSchoolAidCheckRepository(db),
      aidRepo,
      registry: registryLookup,
      reference,
    });
    const careers = createTechSchoolCareers({ repo: createTechSchoolCareersRepository(db), reference });
    const techSchoolFigures: TechSchoolFiguresSource = async (area, period) => ({
      ...(await schools.figures(area, period)),
      ...(await aid.figures(area, period)),
      ...(await careers.figures(area, period)),
    });
    const targets = createTargets({
      repo: createTargetsRepository(db),
      figures: createSkillsFiguresRepository(db),
      reference,
    });
    return {
      provides: { training, techSchoolFigures, skillsFigures: targets.figures },
      async register(app) {
        app.profileSections.add(trainingProfileSection(createProfileRepository(db), reference));
        await app.register(trainingRoutes, { training });
        await app.register(coursesRoutes, { courses, offers });
        await app.register(trainingPages, { courses, formOptions });
        await app.register(myTrainingPages, { courses });
        await app.register(attendanceRoutes, { attendance });
        await app.register(courseSheetPages, { courses, attendance, claims, providers });
        await app.register(trainingClaimsRoutes, { claims });
        await app.register(techSchoolsRoutes, { schools });
        await app.register(techSchoolsPages, { schools, applicants, formOptions });
        await app.register(techSchoolAidRoutes, { aid, applicants });
        await app.register(techSchoolAidPages, { aid, applicants, careers, formOptions });
        await app.register(techSchoolCareersRoutes, { careers });
        await app.register(techSchoolAidCheckPages, { checks, formOptions });
        await app.register(certificateImportPages, {
          imports: createCertificateImport({ repo: createCertificateImportRepository(db), registry: registryLookup }),
        });
        await app.register(attendancePages, { attendance, courses });
        await app.register(targetsRoutes, { targets });
        await app.register(targetsPages, { targets, formOptions });
        await app.register(providersRoutes, { providers });
        await app.register(providersPages, { providers, courses, formOptions });
      },
    };
  },
};
