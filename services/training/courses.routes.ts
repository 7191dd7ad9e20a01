import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createCourseRoute,
  enrolRoute,
  listCoursesRoute,
  listEnrolmentsRoute,
  patchCourseRoute,
  patchEnrolmentRoute,
  runOffersRoute,
  withdrawRoute,
} from './courses.contract.ts';
import type { CoursesService } from './courses.service.ts';
import type { OffersService } from './offers.service.ts';

/** /api/v1/training/courses, …/enrolments and …/offers. */
export async function coursesRoutes(app: FastifyInstance, opts: { courses: CoursesService; offers: OffersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { courses, offers } = opts;
  r.route({
    ...listCoursesRoute,
    handler: async (request) => ({ items: await courses.list(request.user!, request.query) }),
  });
  r.route({
    ...createCourseRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await courses.create(request.user!, request.body, request.id)),
  });
  r.route({
    ...patchCourseRoute,
    handler: (request) => courses.patch(request.user!, request.params.id, request.body, request.id),
  });
  r.route({
    ...listEnrolmentsRoute,
    handler: async (request) => ({
      items: await courses.enrolments(request.user!, request.params.id, request.locale),
    }),
  });
  r.route({
    ...enrolRoute,
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await courses.enrol(request.user!, request.params.id, request.body.labourerId, request.id, request.locale),
        ),
  });
  r.route({
    ...patchEnrolmentRoute,
    handler: (request) =>
      courses.updateEnrolment(request.user!, request.params.id, request.body, request.id, request.locale),
  });
  r.route({
    ...withdrawRoute,
    handler: (request) => courses.withdraw(request.user!, request.params.id, request.locale, request.id),
  });
  r.route({
    ...runOffersRoute,
    handler: (request) => offers.run(request.user!, request.body.regionCode, request.id, request.locale),
  });
}
