import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { SessionInputSchema } from './attendance.contract.ts';
import type { AttendanceService } from './attendance.service.ts';
import { CoursePatchSchema, EnrolmentPatchSchema } from './courses.contract.ts';
import type { CoursesService } from './courses.service.ts';
import { TrainingClaimInputSchema } from './training-claims.contract.ts';
import type { TrainingClaims } from './training-claims.service.ts';
import type { Providers } from './providers.service.ts';
import { idOf, keepers, officers, TEXTS } from './training-page-kit.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { GRADES } from './claim-kinds.ts';

interface RowProblem {
  /** The enrolment's row, or 'sessions' for the class-day form, or 'page' for the whole page. */
  enrolmentId: string;
  message: string;
  fields: Record<string, string>;
  form?: Record<string, string>;
}

type Deps = { courses: CoursesService; attendance: AttendanceService; claims: TrainingClaims; providers: Providers };
type Render = (
  request: FastifyRequest,
  reply: FastifyReply,
  courseId: string,
  problem?: RowProblem,
  status?: number,
) => Promise<FastifyReply>;

/** Renders the course page: its class days, its people with their results and subsidy claims. */
function sheetRenderer({ courses, attendance, claims, providers }: Deps): Render {
  return async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    courseId: string,
    problem?: RowProblem,
    status = 200,
  ) {
    const course = await courses.get(request.user!, courseId);
    // A provider's account fills the sheet and sees its people's claims; withdrawing and claiming stay with officers.
    const officer = request.user!.role !== 'training_provider';
    const enrolments = await courses.enrolments(request.user!, courseId, request.locale);
    const claimStates = await claims.statesOf(enrolments);
    const people = enrolments.map((row) => ({
      ...row,
      claims: claimStates.get(row.id)?.claims ?? [],
      openClaims: officer ? (claimStates.get(row.id)?.open ?? []) : [],
      canComplete: row.status === 'enrolled',
      canWithdraw: officer && (row.status === 'enrolled' || row.status === 'waiting' || row.status === 'offered'),
      problem: problem?.enrolmentId === row.id ? problem : undefined,
    }));
    const sessions = await attendance.sessions(request.user!, courseId);
    // The providers of the officer's region that may run the course: those whose region holds it.
    const fitting = officer
      ? (await providers.list(request.user!, request.locale)).filter((p) => course.regionCode.startsWith(p.regionCode))
      : [];
    const query = request.query as { saved?: string; withdrawn?: string; claimed?: string; given?: string };
    return reply.page(
      'training/course',
      {
        title: course.title,
        course,
        grades: GRADES.map((value) => ({ value, label: translate(request.locale, `claims.levels.${value}`) })),
        officer,
        back: officer ? '/training/courses' : '/provider',
        providerChoices: fitting.map((p) => ({ value: p.id, label: p.name })),
        given: query.given === '1',
        people,
        sessions,
        saved: query.saved === '1',
        withdrawn: query.withdrawn === '1',
        claimed: query.claimed === '1',
        sessionProblem: problem?.enrolmentId === 'sessions' ? problem : undefined,
        pageProblem: problem?.enrolmentId === 'page' ? problem : undefined,
        providerProblem: problem?.enrolmentId === 'provider' ? problem : undefined,
      },
      status,
    );
  };
}

/** A course's people (offered, enrolled, waiting, completed) and the sheet officers or its provider fill on a phone. */
export async function courseSheetPages(app: FastifyInstance, opts: Deps) {
  const { courses, attendance, claims } = opts;
  const render = sheetRenderer(opts);
  claimPages(app, claims, render);
  providerPage(app, courses, render);

  app.route({
    ...page('GET', '/training/courses/:id', keepers),
    handler: (request, reply) => render(request, reply, idOf(request)),
  });

  app.route({
    ...page('POST', '/training/enrolments/:id', keepers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const enrolmentId = idOf(request);
      const body = request.body as FormBody;
      const courseId = z.uuid().parse(field(body, 'courseId'));
      const text = (name: string) => field(body, name)?.trim() || undefined;
      const sessions = text('attendedSessions');
      try {
        const patch = parseForm(EnrolmentPatchSchema, {
          attendedSessions: sessions === undefined ? undefined : Number(sessions),
          result: text('result'),
          score: text('score') === undefined ? undefined : Number(text('score')),
          certificateNumber: text('certificateNumber'),
          certificateLevel: text('certificateLevel'),
        });
        await courses.updateEnrolment(request.user!, enrolmentId, patch, request.id, request.locale);
        return reply.redirect(`/training/courses/${courseId}?saved=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const row = { enrolmentId, message: problem.message, fields: problem.fields };
        return render(request, reply, courseId, row, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/training/courses/:id/sessions', keepers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const courseId = idOf(request);
      const body = request.body as FormBody;
      const form = { heldOn: field(body, 'heldOn')?.trim() ?? '', topic: field(body, 'topic')?.trim() ?? '' };
      try {
        const input = parseForm(SessionInputSchema, { heldOn: form.heldOn, topic: form.topic || undefined });
        const session = await attendance.addSession(request.user!, courseId, input, request.id);
        return reply.redirect(`/training/sessions/${session.id}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const row = { enrolmentId: 'sessions', message: problem.message, fields: problem.fields, form };
        return render(request, reply, courseId, row, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/training/enrolments/:id/withdraw', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const courseId = z.uuid().parse(field(request.body as FormBody, 'courseId'));
      try {
        await courses.withdraw(request.user!, idOf(request), request.locale, request.id);
        return reply.redirect(`/training/courses/${courseId}?withdrawn=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const row = { enrolmentId: 'page', message: problem.message, fields: problem.fields };
        return render(request, reply, courseId, row, problem.status);
      }
    },
  });
}

/** An officer claims a subsidy on a passed person's certificate from the course page. */
function claimPages(app: FastifyInstance, claims: TrainingClaims, render: Render) {
  app.route({
    ...page('POST', '/training/enrolments/:id/claims', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const enrolmentId = idOf(request);
      const courseId = z.uuid().parse(field(body, 'courseId'));
      try {
        const input = parseForm(TrainingClaimInputSchema, { enrolmentId, programme: field(body, 'programme') });
        await claims.claim(request.user!, input.enrolmentId, input.programme, request.id);
        return reply.redirect(`/training/courses/${courseId}?claimed=1#enrolment-${enrolmentId}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const row = { enrolmentId, message: problem.message, fields: problem.fields };
        return render(request, reply, courseId, row, problem.status);
      }
    },
  });
}

/** An officer gives the course to a training provider of the region to run, or takes it back. */
function providerPage(app: FastifyInstance, courses: CoursesService, render: Render) {
  app.route({
    ...page('POST', '/training/courses/:id/provider', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const courseId = idOf(request);
      const chosen = field(request.body as FormBody, 'providerId')?.trim() || null;
      try {
        const { providerId } = parseForm(CoursePatchSchema.pick({ providerId: true }), { providerId: chosen });
        await courses.patch(request.user!, courseId, { providerId: providerId ?? null }, request.id);
        return reply.redirect(`/training/courses/${courseId}?given=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, { ...TEXTS, validation: 'trainingProviders.validation' });
        const row = { enrolmentId: 'provider', message: problem.message, fields: problem.fields };
        return render(request, reply, courseId, row, problem.status);
      }
    },
  });
}
