import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { EnrolmentPatchSchema } from './courses.contract.ts';
import type { CoursesService } from './courses.service.ts';

const officers = auth.roles('officer', 'admin');
const TEXTS = {
  fixErrors: 'training.fixErrors',
  labelPrefix: 'training.fields',
  refusals: 'training.refusals',
  fallbackReason: 'illegal',
} as const;

interface RowProblem {
  enrolmentId: string;
  message: string;
  fields: Record<string, string>;
}

/** A course's people (offered, enrolled, waiting, completed) and the sheet officers fill on a phone. */
export async function courseSheetPages(app: FastifyInstance, opts: { courses: CoursesService }) {
  const { courses } = opts;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    courseId: string,
    problem?: RowProblem,
    status = 200,
  ) {
    const course = await courses.get(request.user!, courseId);
    const people = (await courses.enrolments(request.user!, courseId)).map((row) => ({
      ...row,
      canComplete: row.status === 'enrolled',
      problem: problem?.enrolmentId === row.id ? problem : undefined,
    }));
    const saved = (request.query as { saved?: string }).saved === '1';
    return reply.page('training/course', { title: course.title, course, people, saved, problem }, status);
  }

  app.route({
    ...page('GET', '/training/courses/:id', officers),
    handler: (request, reply) => render(request, reply, z.uuid().parse((request.params as { id: string }).id)),
  });

  app.route({
    ...page('POST', '/training/enrolments/:id', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const enrolmentId = z.uuid().parse((request.params as { id: string }).id);
      const body = request.body as FormBody;
      const courseId = z.uuid().parse(field(body, 'courseId'));
      const text = (name: string) => field(body, name)?.trim() || undefined;
      const sessions = text('attendedSessions');
      try {
        const patch = parseForm(EnrolmentPatchSchema, {
          attendedSessions: sessions === undefined ? undefined : Number(sessions),
          result: text('result'),
          certificateNumber: text('certificateNumber'),
        });
        await courses.updateEnrolment(request.user!, enrolmentId, patch, request.id);
        return reply.redirect(`/training/courses/${courseId}?saved=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const row = { enrolmentId, message: problem.message, fields: problem.fields };
        return render(request, reply, courseId, row, problem.status);
      }
    },
  });
}
