import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import type { CountiesOf } from '../regions/index.ts';
import type { z } from 'zod';
import type {
  ITEM_STATES,
  ItemInputSchema,
  ItemPatchSchema,
  LinkedCountyInputSchema,
  LinkedCountyView,
  MeetingInputSchema,
  PairingInputSchema,
  ProjectInputSchema,
  ProjectUpdateInputSchema,
} from './linked.contract.ts';
import type { LinkedRepository, LinkedRow } from './linked.repository.ts';
import { type Actor, audited, dayOf, requireProvince } from './talent-access.ts';

type In<T extends z.ZodType> = z.infer<T>;
/** Today in Beijing: an item due yesterday there is overdue from midnight there, not from 08:00. */
const todayIso = () => chinaDate(new Date())!;

/** The average progress of projects in percent, one decimal; 0 without projects. */
export const meanProgress = (percents: number[]) =>
  percents.length ? Math.round((percents.reduce((a, b) => a + b, 0) / percents.length) * 10) / 10 : 0;

function view(row: LinkedRow, countyName: string): LinkedCountyView {
  const items = row.meetings.flatMap((m) => m.items);
  return {
    id: row.id,
    countyCode: row.countyCode,
    countyName,
    since: row.since,
    villages: row.villages,
    meetings: row.meetings.map((m) => ({
      id: m.id,
      heldOn: dayOf(m.heldOn),
      decisions: m.decisions,
      items: m.items.map((i) => ({
        id: i.id,
        title: i.title,
        owner: i.owner,
        dueOn: dayOf(i.dueOn),
        state: i.state as (typeof ITEM_STATES)[number],
        doneOn: i.doneOn ? dayOf(i.doneOn) : null,
        overdue: i.state !== 'done' && dayOf(i.dueOn) < todayIso(),
      })),
    })),
    projects: row.projects.map((p) => ({
      id: p.id,
      title: p.title,
      percent: p.percent,
      notes: p.notes,
      updates: p.updates.map((u) => ({ on: dayOf(u.on), percent: u.percent, note: u.note })),
    })),
    pairings: row.pairings.map((p) => ({ ...p, givenOn: dayOf(p.givenOn) })),
    figures: {
      items: items.length,
      itemsDone: items.filter((i) => i.state === 'done').length,
      projectsProgress: meanProgress(row.projects.map((p) => p.percent)),
      pairings: row.pairings.length,
      amount: row.pairings.reduce((t, p) => t + p.amount, 0),
    },
  };
}

/** The province department's linked-county work (plan §6): kept by province officers, read by the county's. */
export function createLinkedService(deps: { repo: LinkedRepository; counties: CountiesOf }) {
  const { repo, counties } = deps;
  const names = async () => new Map((await counties('35')).map((c) => [c.code, c]));

  async function one(id: string) {
    const row = await repo.one(id);
    if (!row) throw new NotFoundError(`Linked county ${id} not found`);
    return view(row, (await names()).get(row.countyCode)?.name ?? row.countyCode);
  }
  async function owned(actor: Actor, id: string | undefined | null) {
    requireProvince(actor);
    if (!id) throw new NotFoundError('Not found');
    return one(id);
  }

  return {
    async list(actor: Actor) {
      const map = await names();
      return (await repo.list(scopePrefix(actor))).map((row) =>
        view(row, map.get(row.countyCode)?.name ?? row.countyCode),
      );
    },
    one,
    async create(actor: Actor, input: In<typeof LinkedCountyInputSchema>, requestId?: string) {
      requireProvince(actor);
      if (!(await names()).get(input.countyCode)?.keyCounty) {
        throw new ValidationError('Not a key county', [
          { field: 'countyCode', code: 'not_key_county', message: 'is not a provincial key county' },
        ]);
      }
      if (await repo.byCounty(input.countyCode)) throw new ConflictError('Linked already', { reason: 'linked' });
      const audit = { ...audited(actor, 'linked.county.create', 'LinkedCounty', requestId), details: { ...input } };
      return one((await repo.create(input, audit)).id);
    },
    async addMeeting(actor: Actor, id: string, input: In<typeof MeetingInputSchema>, requestId?: string) {
      await owned(actor, id);
      await repo.addMeeting(id, input, {
        ...audited(actor, 'linked.meeting.add', 'LinkedMeeting', requestId),
        details: { linkedCountyId: id, heldOn: input.heldOn },
      });
      return one(id);
    },
    async addItem(actor: Actor, meetingId: string, input: In<typeof ItemInputSchema>, requestId?: string) {
      const meeting = await repo.meeting(meetingId);
      await owned(actor, meeting?.linkedCountyId);
      await repo.addItem(meetingId, input, {
        ...audited(actor, 'linked.item.add', 'LinkedItem', requestId),
        details: { meetingId, dueOn: input.dueOn },
      });
      return one(meeting!.linkedCountyId);
    },
    async setItem(actor: Actor, itemId: string, input: In<typeof ItemPatchSchema>, requestId?: string) {
      const item = await repo.item(itemId);
      await owned(actor, item?.meeting.linkedCountyId);
      if (input.state === 'done' && !input.doneOn) {
        throw new ValidationError('Done needs a date', [
          { field: 'doneOn', code: 'required', message: 'is required when done' },
        ]);
      }
      const change = { state: input.state, doneOn: input.state === 'done' ? input.doneOn! : null };
      await repo.setItem(itemId, change, {
        ...audited(actor, 'linked.item.set', 'LinkedItem', requestId),
        details: { from: item!.state, ...change },
      });
      return one(item!.meeting.linkedCountyId);
    },
    async addProject(actor: Actor, id: string, input: In<typeof ProjectInputSchema>, requestId?: string) {
      await owned(actor, id);
      await repo.addProject(id, input, {
        ...audited(actor, 'linked.project.add', 'LinkedProject', requestId),
        details: { linkedCountyId: id },
      });
      return one(id);
    },
    async updateProject(
      actor: Actor,
      projectId: string,
      input: In<typeof ProjectUpdateInputSchema>,
      requestId?: string,
    ) {
      const project = await repo.project(projectId);
      await owned(actor, project?.linkedCountyId);
      await repo.updateProject(
        projectId,
        { ...input, byUserId: actor.id },
        {
          ...audited(actor, 'linked.project.update', 'LinkedProject', requestId),
          details: { from: project!.percent, percent: input.percent, on: input.on },
        },
      );
      return one(project!.linkedCountyId);
    },
    async addPairing(actor: Actor, id: string, input: In<typeof PairingInputSchema>, requestId?: string) {
      await owned(actor, id);
      // The student's name is personal data: the audit keeps who gave what, not whom.
      await repo.addPairing(id, input, {
        ...audited(actor, 'linked.pairing.add', 'LinkedPairing', requestId),
        details: { linkedCountyId: id, amount: input.amount, givenOn: input.givenOn },
      });
      return one(id);
    },
  };
}

export type LinkedService = ReturnType<typeof createLinkedService>;
