import type { FastifyReply, FastifyRequest } from 'fastify';
import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { fieldErrors } from '../platform/http/form-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { FormOptionsSource } from './form-options.ts';
import { EDUCATION_LEVELS, EMPLOYMENT_STATUSES, MOBILITIES, PENSION_KINDS } from './labourers.contract.ts';

export type Body = Record<string, string | string[] | undefined>;

const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));

/**
 * The profile forms' rendering and submission, shared by the officers' pages and the labourer's own
 * (/register, /me): the options of the reader's scope, and problems shown beside their fields.
 */
export function createProfileForm(formOptions: FormOptionsSource) {
  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    data: Record<string, unknown>,
    status = 200,
  ) {
    const locale = request.locale;
    // Job seekers choose from the whole province; officers from their own region.
    const scope = !request.user || request.user.role === 'labourer' ? '35' : scopePrefix(request.user);
    return reply.page(
      template,
      {
        ...data,
        options: await formOptions(scope, locale),
        statuses: choices(locale, 'employmentStatus', EMPLOYMENT_STATUSES),
        mobilities: choices(locale, 'mobility', MOBILITIES),
        educationLevels: choices(locale, 'education', EDUCATION_LEVELS),
        pensionKinds: choices(locale, 'pension', PENSION_KINDS),
      },
      status,
    );
  }

  /** Runs a form submission: domain and zod problems re-render the form with 422 and field errors. */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    form: Record<string, unknown>,
    action: () => Promise<string>,
    extra: Record<string, unknown> = {},
    duplicateIdMessage = 'validation.duplicate_id',
  ) {
    try {
      return reply.redirect(await action(), 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderForm(
          request,
          reply,
          template,
          { ...extra, form, errors: fieldErrors(request.locale, error.issues, { labelPrefix: 'labourers.fields' }) },
          422,
        );
      }
      if (error instanceof ConflictError) {
        const field = (error.details as { field?: string } | undefined)?.field ?? 'idNumber';
        const errors = {
          [field]: translate(request.locale, field === 'username' ? 'validation.phone_taken' : duplicateIdMessage),
        };
        return renderForm(request, reply, template, { ...extra, form, errors }, 409);
      }
      throw error;
    }
  }

  return { renderForm, submit };
}
