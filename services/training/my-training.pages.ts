import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CoursesService } from './courses.service.ts';
import { TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const labourers = auth.roles('labourer');
const TEXTS = { ...TRAINING_TEXTS, explainNotFound: true } as const;

/** The labourer's "我的培训": offers with their reasons, enrolments, courses open in the county. */
export async function myTrainingPages(app: FastifyInstance, opts: { courses: CoursesService }) {
  const { courses } = opts;

  async function renderMine(request: FastifyRequest, reply: FastifyReply, message?: string, status = 200) {
    const labourerId = request.user!.labourerId;
    const mine = labourerId ? await courses.mine(labourerId, request.locale) : [];
    const open = labourerId ? await courses.openFor(labourerId) : [];
    const taken = new Set(mine.map((row) => row.courseId));
    return reply.page(
      'training/mine',
      {
        title: translate(request.locale, 'training.mine.title'),
        registered: !!labourerId,
        offers: mine.filter((row) => row.status === 'offered'),
        enrolments: mine
          .filter((row) => row.status !== 'offered')
          .map((row) => ({ ...row, canWithdraw: row.status === 'enrolled' || row.status === 'waiting' })),
        open: open.filter((course) => !taken.has(course.id)),
        enrolled: (request.query as { enrolled?: string }).enrolled,
        withdrawn: (request.query as { withdrawn?: string }).withdrawn === '1',
        message,
      },
      status,
    );
  }

  app.route({ ...page('GET', '/my-training', labourers), handler: (request, reply) => renderMine(request, reply) });

  app.route({
    ...page('POST', '/my-training/enrol', labourers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const courseId = z.uuid().safeParse(field(request.body as FormBody, 'courseId'));
      try {
        if (!courseId.success) throw new NotFoundError('No such course');
        const row = await courses.enrolSelf(request.user!, courseId.data);
        return reply.redirect(`/my-training?enrolled=${row.status}`, 303);
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
        const problem = pageProblem(request.locale, error, TEXTS);
        return renderMine(request, reply, problem.message, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/my-training/withdraw', labourers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const courseId = z.uuid().safeParse(field(request.body as FormBody, 'courseId'));
      try {
        if (!courseId.success) throw new NotFoundError('No such course');
        await courses.withdrawSelf(request.user!, courseId.data);
        return reply.redirect('/my-training?withdrawn=1', 303);
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
        const problem = pageProblem(request.locale, error, TEXTS);
        return renderMine(request, reply, problem.message, problem.status);
      }
    },
  });
}
