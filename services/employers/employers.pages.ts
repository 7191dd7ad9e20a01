import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { fieldErrors, zodIssues } from '../platform/http/form-errors.ts';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { EMPLOYER_KINDS, EmployerInputSchema, EmployerListQuerySchema } from './employers.contract.ts';
import type { EmployersService } from './employers.service.ts';

type Body = Record<string, string | undefined>;

const RegisterSchema = EmployerInputSchema.extend({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{4,40}$/, 'must be 4-40 letters, digits, dots or dashes'),
  password: z.string().min(8).max(128),
});

export async function employersPages(
  app: FastifyInstance,
  opts: { employers: EmployersService; formOptions: FormOptionsSource },
) {
  const { employers } = opts;
  const { formOptions } = opts;
  const officer = auth.roles('officer', 'admin');

  app.route({
    ...page('GET', '/employers', officer),
    handler: async (request, reply) => {
      const parsed = EmployerListQuerySchema.safeParse(request.query);
      const query = parsed.success ? parsed.data : EmployerListQuerySchema.parse({});
      const result = await employers.list(request.user!, query);
      return reply.page('employers/list', {
        title: translate(request.locale, 'employers.title'),
        query,
        result,
        verifiedFilter: (request.query as { verified?: string }).verified ?? '',
      });
    },
  });

  app.route({
    ...page('GET', '/employers/:id', officer),
    handler: async (request, reply) => {
      const employer = await employers.get(request.user!, z.uuid().parse((request.params as { id: string }).id));
      return reply.page('employers/detail', { title: employer.name, employer });
    },
  });

  app.route({
    ...page('POST', '/employers/:id/verify', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = z.uuid().parse((request.params as { id: string }).id);
      const body = request.body as Body;
      await employers.verify(request.user!, id, body.verified !== 'false', body.note?.trim() || undefined);
      return reply.redirect(`/employers/${id}`, 303);
    },
  });

  async function renderRegister(
    request: FastifyRequest,
    reply: FastifyReply,
    data: Record<string, unknown>,
    status = 200,
  ) {
    return reply.page(
      'employers/register',
      {
        title: translate(request.locale, 'employers.registerTitle'),
        kinds: EMPLOYER_KINDS.map((value) => ({ value, label: translate(request.locale, `employerKind.${value}`) })),
        options: await formOptions('35', request.locale),
        ...data,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/employers/register', auth.public),
    handler: (request, reply) =>
      request.user ? reply.redirect('/', 303) : renderRegister(request, reply, { form: { kind: 'company' } }),
  });

  app.route({
    ...page('POST', '/employers/register', auth.public),
    config: { auth: auth.public, rateLimit: { max: 10, timeWindow: '10 minutes' } },
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as Body;
      const form = {
        name: body.name ?? '',
        creditCode: body.creditCode ?? '',
        kind: body.kind ?? '',
        regionCode: body.regionCode ?? '',
        address: body.address ?? '',
        contactName: body.contactName ?? '',
        contactPhone: body.contactPhone ?? '',
        description: body.description?.trim() || null,
        username: body.username ?? '',
        password: body.password ?? '',
      };
      try {
        const parsed = RegisterSchema.safeParse(form);
        if (!parsed.success) throw new ValidationError('The registration is not valid', zodIssues(parsed.error, form));
        const { userId } = await employers.registerSelf(parsed.data);
        await request.signIn(userId);
        return reply.redirect('/', 303);
      } catch (error) {
        const shown = { ...form, password: '' };
        if (error instanceof ValidationError)
          return renderRegister(
            request,
            reply,
            { form: shown, errors: fieldErrors(request.locale, error.issues, { labels: { name: 'employers.name' } }) },
            422,
          );
        if (error instanceof ConflictError) {
          const field = (error.details as { field?: string }).field === 'username' ? 'username' : 'creditCode';
          return renderRegister(
            request,
            reply,
            { form: shown, errors: { [field]: translate(request.locale, `validation.${field}_taken`) } },
            409,
          );
        }
        throw error;
      }
    },
  });
}
