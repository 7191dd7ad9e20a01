import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { parseForm as parse } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { FormOptionsSource } from './form-options.ts';
import { formToInput, keepDetails } from './labourer-form.ts';
import { LabourerPatchSchema, MOBILITIES } from './labourers.contract.ts';
import type { LabourersService } from './labourers.service.ts';
import { type Body, createProfileForm } from './profile-form.ts';

const WISH_FIELDS = [
  'phone',
  'wantsJob',
  'mobility',
  'desiredOccupations',
  'expectedWage',
  'needsAccommodation',
  'availableFrom',
  'trainingWishes',
  'consentContact',
  'consentShowEmployer',
  'skills',
] as const;

const RegisterSchema = z.object({
  name: z.string().trim().min(1),
  idNumber: z.string().trim().min(1),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/),
  password: z.string().min(8).max(128),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  desiredOccupations: z.array(z.string()).max(3),
  mobility: z.enum(MOBILITIES),
  expectedWage: z.number().int().min(0).max(100_000).nullable(),
  needsAccommodation: z.boolean(),
});

/** The labourer's own pages: registration (求职登记) and "我的求职信息" (/me). */
export async function selfServicePages(
  app: FastifyInstance,
  opts: { labourers: LabourersService; formOptions: FormOptionsSource },
) {
  const { labourers } = opts;
  const { renderForm, submit } = createProfileForm(opts.formOptions);

  app.route({
    ...page('GET', '/register', auth.public),
    handler: (request, reply) =>
      request.user
        ? reply.redirect('/', 303)
        : renderForm(request, reply, 'labourers/register', {
            title: translate(request.locale, 'register.title'),
            form: { mobility: 'county' },
          }),
  });

  app.route({
    ...page('POST', '/register', auth.public),
    config: { auth: auth.public, rateLimit: { max: 10, timeWindow: '10 minutes' } },
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as Body;
      const form = {
        ...formToInput(body, [
          'name',
          'idNumber',
          'phone',
          'regionCode',
          'desiredOccupations',
          'mobility',
          'expectedWage',
          'needsAccommodation',
        ]),
        password: String(body.password ?? ''),
      };
      return submit(
        request,
        reply,
        'labourers/register',
        { ...form, password: '' },
        async () => {
          const input = parse(RegisterSchema, form);
          const { userId } = await labourers.registerSelf(input);
          await request.signIn(userId);
          return '/me?welcome=1';
        },
        { title: translate(request.locale, 'register.title') },
        'validation.contact_office',
      );
    },
  });

  app.route({
    ...page('GET', '/me', auth.roles('labourer')),
    handler: async (request, reply) => {
      if (!request.user!.labourerId) return reply.redirect('/register', 303);
      const profile = await labourers.mine(request.user!);
      const sections = await app.profileSections.render({
        actor: request.user!,
        labourerId: profile.id,
        locale: request.locale,
        own: true,
      });
      return renderForm(request, reply, 'labourers/me', {
        title: translate(request.locale, 'me.title'),
        profile,
        sections,
        form: { ...profile, phone: profile.phoneMasked, skills: profile.skills.map((s) => s.code) },
        welcome: (request.query as { welcome?: string }).welcome === '1',
        saved: (request.query as { saved?: string }).saved === '1',
      });
    },
  });

  app.route({
    ...page('POST', '/me', auth.roles('labourer')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const profile = await labourers.mine(request.user!);
      const form = formToInput(request.body as Body, WISH_FIELDS);
      return submit(
        request,
        reply,
        'labourers/me',
        { ...form, phone: 'phone' in form ? form.phone : profile.phoneMasked },
        async () => {
          await labourers.update(request.user!, profile.id, parse(LabourerPatchSchema, keepDetails(form, profile)));
          return '/me?saved=1';
        },
        {
          title: translate(request.locale, 'me.title'),
          profile,
          sections: await app.profileSections.render({
            actor: request.user!,
            labourerId: profile.id,
            locale: request.locale,
            own: true,
          }),
        },
      );
    },
  });
}
