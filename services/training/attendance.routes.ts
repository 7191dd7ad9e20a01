import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addSessionRoute,
  getAttendanceRoute,
  getEnrolmentRoute,
  listSessionsRoute,
  saveAttendanceRoute,
} from './attendance.contract.ts';
import type { AttendanceService } from './attendance.service.ts';

/** /api/v1/training/courses/:id/sessions, /sessions/:id/attendance and /enrolments/:id. */
export async function attendanceRoutes(app: FastifyInstance, opts: { attendance: AttendanceService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { attendance } = opts;
  r.route({
    ...listSessionsRoute,
    handler: async (request) => ({ items: await attendance.sessions(request.user!, request.params.id) }),
  });
  r.route({
    ...addSessionRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await attendance.addSession(request.user!, request.params.id, request.body, request.id)),
  });
  r.route({ ...getAttendanceRoute, handler: (request) => attendance.sheet(request.user!, request.params.id) });
  r.route({
    ...saveAttendanceRoute,
    handler: (request) => attendance.saveSheet(request.user!, request.params.id, request.body.present, request.id),
  });
  r.route({
    ...getEnrolmentRoute,
    handler: (request) => attendance.detail(request.user!, request.params.id, request.locale),
  });
}
