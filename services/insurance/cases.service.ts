import type { ComparisonFindings } from '../comparison/index.ts';
import type { LabourersService } from '../labourers/index.ts';
import type { Notifier } from '../notifications/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { ageOn } from '../platform/time/age.ts';
import { chinaDate, parseChinaTime } from '../platform/time/china-time.ts';
import { type CaseKind, CASE_STATES, canMove, FIRST_STATE, isFinal, stateOf } from './case-states.ts';
import { enrolInRegistry, standingFor } from './case-effects.ts';
import { createReassignment } from './reassignment.service.ts';
import type { CaseDetail, CaseListQuery, CaseView, CreateCase, TransitionInput } from './insurance.contract.ts';
import type { InsuranceSettings } from './insurance.config.ts';
import type { CaseRow, InsuranceRepository, PersonRow } from './insurance.repository.ts';

export interface CasesDeps {
  repo: InsuranceRepository;
  labourers: Pick<LabourersService, 'update'>;
  findings: ComparisonFindings;
  reference: () => Promise<ReferenceNames>;
  settings: InsuranceSettings;
  /** Tells an officer a case was given to them (stored with the step, delivered after it commits). */
  notifier: Pick<Notifier, 'store' | 'deliver'>;
  now?: () => Date;
}

/** Which case a comparison finding opens; null for findings that are no insurance work. */
export function caseKindForFinding(kind: string): CaseKind | null {
  return kind === 'no_pension_60_plus' ? 'pension_60_plus' : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A person's case view: region names, age, masked numbers only. */
export function caseView(
  row: Omit<CaseRow, 'transitions'>,
  person: PersonRow,
  ref: ReferenceNames,
  names: Map<string, string>,
  today: Date,
): CaseView {
  const county = person.regionCode.slice(0, 6);
  const township = person.regionCode.slice(0, 9);
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    open: row.closedAt === null,
    nextStates: row.closedAt === null ? [...(stateOf(row.kind, row.state)?.next ?? [])] : [],
    labourerId: person.id,
    name: person.name,
    idNumberMasked: person.idNumberMasked,
    phoneMasked: person.phoneMasked,
    age: ageOn(person.birthDate, today),
    regionCode: row.regionCode,
    county,
    countyName: ref.regionName(county),
    township,
    townshipName: ref.regionName(township),
    assignedTo: row.assignedToId ? (names.get(row.assignedToId) ?? null) : null,
    assignedToId: row.assignedToId,
    dueOn: chinaDate(row.dueOn) ?? null,
    source: row.source,
    lastTransitionAt: row.lastTransitionAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** Reading a case or person within the actor's scope, and opening a case (one open case per person and kind). */
function caseHelpers({
  repo,
  reference,
  settings,
  now = () => new Date(),
}: Omit<CasesDeps, 'labourers' | 'findings' | 'notifier'>) {
  async function personInScope(actor: SessionUser, labourerId: string): Promise<PersonRow> {
    const person = await repo.person(labourerId);
    if (!person) throw new NotFoundError(`Labourer ${labourerId} does not exist`);
    if (!person.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError(`Labourer ${labourerId} is outside your region`);
    return person;
  }

  async function detail(actor: SessionUser, id: string): Promise<CaseDetail> {
    const prefix = scopePrefix(actor);
    const row = await repo.findCase(id);
    if (!row) throw new NotFoundError(`Case ${id} does not exist`);
    if (!row.regionCode.startsWith(prefix)) throw new ForbiddenError(`Case ${id} is outside your region`);
    const person = await repo.person(row.labourerId);
    if (!person) throw new NotFoundError(`The person of case ${id} was erased`);
    const ids = [
      ...new Set(
        [row.assignedToId, ...row.transitions.flatMap((t) => [t.actorId, t.fromAssigneeId, t.toAssigneeId])].filter(
          (x) => x !== null,
        ),
      ),
    ];
    const names = await repo.displayNames(ids);
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    const { transitions, ...rest } = row;
    return {
      ...caseView(rest, person, await reference(), names, now()),
      transitions: transitions.map((t) => ({
        kind: t.toAssigneeId ? ('reassign' as const) : ('state' as const),
        from: t.fromState,
        to: t.toState,
        note: t.note,
        by: name(t.actorId),
        at: t.at.toISOString(),
        fromAssignee: name(t.fromAssigneeId),
        toAssignee: name(t.toAssigneeId),
      })),
    };
  }

  async function open(
    actor: SessionUser,
    person: PersonRow,
    kind: CaseKind,
    input: { assignedToId?: string | undefined; dueOn?: string | undefined; findingId?: bigint },
    requestId: string,
  ) {
    const due = input.dueOn ? parseChinaTime(input.dueOn) : new Date(now().getTime() + settings.dueDays * DAY_MS);
    return repo.createCase(
      {
        kind,
        labourerId: person.id,
        regionCode: person.regionCode,
        state: FIRST_STATE,
        source: input.findingId === undefined ? 'registry' : 'comparison',
        findingId: input.findingId ?? null,
        assignedToId: input.assignedToId ?? (actor.role === 'officer' ? actor.id : null),
        dueOn: new Date(`${chinaDate(due)}T00:00:00Z`),
        createdById: actor.id,
      },
      actor.role,
      requestId,
    );
  }

  return { personInScope, detail, open };
}

/** Insurance cases: open (from a worklist or a finding), list, read, and move through their states. */
export function createCasesService(deps: CasesDeps) {
  const { repo, labourers, findings, reference, now = () => new Date() } = deps;
  const { personInScope, detail, open } = caseHelpers(deps);

  return {
    get: detail,
    ...createReassignment(deps, detail),

    /** Opens a case, or returns the open one of the same person and kind (`created: false`). */
    async create(actor: SessionUser, body: CreateCase, requestId: string) {
      if ('labourerId' in body) {
        const person = await personInScope(actor, body.labourerId);
        const { created, id } = await open(actor, person, body.kind, body, requestId);
        return { created, case: await detail(actor, id) };
      }
      const findingId = BigInt(body.findingId);
      const finding = await findings.finding(actor, body.runId, findingId);
      const kind = caseKindForFinding(finding.kind);
      if (!kind || !finding.labourerId)
        throw new ConflictError('This finding is no insurance work for a registered person', {
          reason: 'not_insurance',
        });
      const person = await personInScope(actor, finding.labourerId);
      const { created, id } = await open(actor, person, kind, { ...body, findingId }, requestId);
      if (finding.status === 'open')
        await findings.followUp(actor, body.runId, findingId, `insurance_case=${id}`, requestId);
      return { created, case: await detail(actor, id) };
    },

    async list(actor: SessionUser, query: CaseListQuery) {
      const prefix = scopePrefix(actor);
      const open = query.open === undefined ? undefined : query.open === 'true';
      const assignedToId = query.assignee === 'mine' ? actor.id : query.assignee === 'unassigned' ? null : undefined;
      const { items, total } = await repo.listCases(
        { prefix, kind: query.kind, state: query.state, open, assignedToId },
        query.page,
        query.pageSize,
      );
      const people = new Map(
        (await Promise.all(items.map((c) => repo.person(c.labourerId)))).flatMap((p) =>
          p ? [[p.id, p] as const] : [],
        ),
      );
      const names = await repo.displayNames([
        ...new Set(items.flatMap((c) => (c.assignedToId ? [c.assignedToId] : []))),
      ]);
      const ref = await reference();
      const today = now();
      return {
        items: items.flatMap((c) => {
          const person = people.get(c.labourerId);
          return person ? [caseView(c, person, ref, names, today)] : [];
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** One step: allowed by the kind's states, with a note; its effect on the person's record follows. */
    async transition(actor: SessionUser, id: string, input: TransitionInput, requestId: string) {
      const current = await detail(actor, id);
      if (!current.open) throw new ConflictError('This case is closed', { reason: 'closed' });
      if (!(input.to in CASE_STATES[current.kind]))
        throw new ValidationError('Unknown state', [
          { field: 'to', message: `must be one of ${current.nextStates.join(', ')}`, code: 'invalid' },
        ]);
      if (!canMove(current.kind, current.state, input.to))
        throw new ConflictError(`A ${current.kind} case cannot go from ${current.state} to ${input.to}`, {
          reason: 'not_allowed',
          allowed: current.nextStates,
        });
      const person = await personInScope(actor, current.labourerId);
      const effect = stateOf(current.kind, input.to)?.effect;
      const day = new Date(`${chinaDate(now())}T00:00:00Z`);
      const standing = standingFor({ effect, person, contributionGrade: input.contributionGrade, day });
      await enrolInRegistry(labourers, actor, effect, person, input.note);
      const moved = await repo.step({
        caseId: id,
        from: current.state,
        to: input.to,
        note: input.note,
        actor: { id: actor.id, role: actor.role },
        closes: isFinal(current.kind, input.to),
        standing,
        requestId,
      });
      if (!moved) throw new ConflictError('The case moved meanwhile: reload it', { reason: 'moved' });
      return detail(actor, id);
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
