import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../platform/http/contract.ts';
import { fieldList, type FormBody } from '../platform/http/form-fields.ts';
import { pageProblem } from '../platform/http/page-forms.ts';
import type { AttendanceService } from './attendance.service.ts';
import type { CoursesService } from './courses.service.ts';
import { idOf, keepers, TEXTS } from './training-page-kit.ts';

/** Class days of a course and the attendance sheet an officer or the course's provider fills on a phone (no JavaScript). */
export async function attendancePages(
  app: FastifyInstance,
  opts: { attendance: AttendanceService; courses: CoursesService },
) {
  const { attendance, courses } = opts;

  async function renderSheet(
    request: FastifyRequest,
    reply: FastifyReply,
    sessionId: string,
    message?: string,
    status = 200,
  ) {
    const sheet = await attendance.sheet(request.user!, sessionId);
    const course = await courses.get(request.user!, sheet.session.courseId);
    const saved = (request.query as { saved?: string }).saved === '1';
    return reply.page(
      'training/session',
      { title: `${course.title} · ${sheet.session.heldOn}`, course, ...sheet, saved, message },
      status,
    );
  }

  app.route({
    ...page('GET', '/training/sessions/:id', keepers),
    handler: (request, reply) => renderSheet(request, reply, idOf(request)),
  });

  app.route({
    ...page('POST', '/training/sessions/:id', keepers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const sessionId = idOf(request);
      try {
        await attendance.saveSheet(
          request.user!,
          sessionId,
          fieldList(request.body as FormBody, 'present'),
          request.id,
        );
        return reply.redirect(`/training/sessions/${sessionId}?saved=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return renderSheet(request, reply, sessionId, problem.message, problem.status);
      }
    },
  });
}
