import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { createCatalogue } from './catalogue.service.ts';
import type { CoursesRepository } from './courses.repository.ts';
import { createEnrolments } from './enrolments.service.ts';

/** The course catalogue and enrolments (职业技能培训). */
export function createCoursesService(deps: { repo: CoursesRepository; reference: () => Promise<ReferenceNames> }) {
  const catalogue = createCatalogue(deps);
  return { ...catalogue, ...createEnrolments(deps, catalogue) };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
