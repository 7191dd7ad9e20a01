import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable, type Table } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { type FormBody, pageProblem, parseForm, type ProblemTexts } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountiesOf } from '../regions/index.ts';
import type { recordAuditOf } from './talent-audit.repository.ts';

export const officers = auth.roles('officer', 'admin');

export const TEXTS: ProblemTexts = {
  fixErrors: 'talent.fixErrors',
  validation: 'talent.validation',
  labelPrefix: 'talent.fields',
  refusals: 'talent.refusals',
  fallbackReason: 'illegal',
  explainNotFound: true,
  explainForbidden: true,
};

/** A refused form as the page shows it: which form, the banner, a message per field, what was typed. */
export interface FormProblem {
  form: string;
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

export const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));

/** The form's fields as strings (the last of a repeated field), for echoing back and for zod. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as FormBody)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === 'string' && key !== '_csrf') values[key] = last;
  }
  return values;
}

/** The list's export format from the query (CSV unless XLSX is asked for). */
export const exportFormat = (query: unknown) => ((query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv');

/**
 * Runs a form's write: on success back to the page (303, `saved=<form>`); a refusal re-renders the
 * page with the form's problem and the status (400/403/404/409), never a 500.
 */
export async function submitForm(
  request: FastifyRequest,
  reply: FastifyReply,
  form: string,
  work: (values: Record<string, string>) => Promise<string>,
  render: (problem: FormProblem, status: number) => Promise<unknown>,
) {
  const values = formValues(request.body);
  try {
    const back = await work(values);
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}saved=${form}`, 303);
  } catch (error) {
    const problem = pageProblem(request.locale, error, TEXTS);
    return render({ form, message: problem.message, fields: problem.fields, values }, problem.status);
  }
}

export const savedOf = (query: unknown) => {
  const saved = (query as { saved?: string }).saved;
  return typeof saved === 'string' && /^[a-z-]{1,30}$/.test(saved) ? saved : null;
};

/** An id that finds nothing: a recruit form sent without its parent record is refused as "not found", in words. */
const NO_ID = '00000000-0000-4000-8000-000000000000';

type Officer = NonNullable<FastifyRequest['user']>;

/**
 * A talent list page (campaigns, the catalogue): a list of parent records with the people recruited
 * against them, a form for a parent record, a recruit form naming an open one, and both lists' exports.
 */
export interface RecruitListPage<P extends { id: string; posts: number }, R, PI, RI> {
  /** '/talent/campaigns': the page; POST adds a parent; /recruits adds a recruit; /export sends a list. */
  path: string;
  view: string;
  titleKey: string;
  parents: {
    /** The form's name after a save (`saved=`) or a refusal, the list's name in the view and the export. */
    form: string;
    viewKey: string;
    list: string;
    load: (user: Officer) => Promise<P[]>;
    schema: z.ZodType<PI>;
    create: (user: Officer, input: PI, requestId: string) => Promise<unknown>;
    /** Whether a recruit can still be added, and its name in the recruit form's choice. */
    isOpen: (parent: P) => boolean;
    label: (parent: P) => string;
    table: (locale: string, rows: P[]) => Table<P>;
  };
  recruits: {
    idField: string;
    load: (user: Officer) => Promise<R[]>;
    schema: z.ZodType<RI>;
    add: (user: Officer, parentId: string, input: RI, requestId: string) => Promise<unknown>;
    table: (locale: string, rows: R[]) => Table<R>;
    /** The audit of the recruits' export (personal data): action and entity. */
    audit: [string, string];
  };
  /** What else the page shows (choices of its own form). */
  extra?: (locale: string, scope: string) => Record<string, unknown>;
}

export function recruitListPages<P extends { id: string; posts: number }, R, PI, RI>(
  app: FastifyInstance,
  deps: { counties: CountiesOf; audit: ReturnType<typeof recordAuditOf> },
  spec: RecruitListPage<P, R, PI, RI>,
) {
  const { parents, recruits } = spec;

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200) {
    const user = request.user!;
    const scope = scopePrefix(user);
    const [items, people, all] = await Promise.all([parents.load(user), recruits.load(user), deps.counties('35')]);
    return reply.page(
      spec.view,
      {
        title: translate(request.locale, spec.titleKey),
        [parents.viewKey]: items,
        recruits: people,
        keyCounties: all
          .filter((c) => c.keyCounty && c.code.startsWith(scope))
          .map((c) => ({ value: c.code, label: c.name })),
        ...spec.extra?.(request.locale, scope),
        open: items.filter(parents.isOpen).map((p) => ({ value: p.id, label: parents.label(p) })),
        year: new Date().getUTCFullYear(),
        today: new Date().toISOString().slice(0, 10),
        problem,
        values: problem?.values ?? {},
        saved: savedOf(request.query),
      },
      status,
    );
  }

  const rerender = (request: FastifyRequest, reply: FastifyReply) => (p: FormProblem, s: number) =>
    render(request, reply, p, s);

  app.route({ ...page('GET', spec.path, officers), handler: (request, reply) => render(request, reply) });
  app.route({
    ...page('POST', spec.path, officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        parents.form,
        async (v) => {
          await parents.create(request.user!, parseForm(parents.schema, v), request.id);
          return spec.path;
        },
        rerender(request, reply),
      ),
  });
  app.route({
    ...page('POST', `${spec.path}/recruits`, officers, { personalData: true }),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'recruit',
        async (v) => {
          const id = z.uuid().safeParse(v[recruits.idField]);
          const input = parseForm(recruits.schema, { ...v, reservedPost: v.reservedPost === 'on' });
          await recruits.add(request.user!, id.success ? id.data : NO_ID, input, request.id);
          return spec.path;
        },
        rerender(request, reply),
      ),
  });
  app.route({
    ...page('GET', `${spec.path}/export`, officers),
    handler: async (request, reply) => {
      const list = z
        .enum([parents.list, 'recruits'])
        .catch(parents.list)
        .parse((request.query as { list?: string }).list);
      const format = exportFormat(request.query);
      const user = request.user!;
      if (list === parents.list)
        return sendTable(reply, format, parents.table(request.locale, await parents.load(user)));
      const rows = await recruits.load(user);
      await deps.audit(user, recruits.audit[0], recruits.audit[1], request.id, { rows: rows.length, format });
      return sendTable(reply, format, recruits.table(request.locale, rows));
    },
  });
}
