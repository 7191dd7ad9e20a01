import type { AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';
import { auditedWrite } from './talent-audit.repository.ts';
import { day } from './talent-where.ts';

const FULL = {
  meetings: { orderBy: { heldOn: 'desc' }, include: { items: { orderBy: { dueOn: 'asc' } } } },
  projects: { orderBy: { title: 'asc' }, include: { updates: { orderBy: { on: 'desc' } } } },
  pairings: { orderBy: { givenOn: 'desc' } },
} as const;

/** The linked-county work (挂钩帮扶): counties, 推进会 and their items, projects, pairings. */
export function createLinkedRepository(db: Db) {
  return {
    list: (prefix: string) =>
      db.linkedCounty.findMany({
        where: { countyCode: { startsWith: prefix } },
        orderBy: { countyCode: 'asc' },
        include: FULL,
      }),
    one: (id: string) => db.linkedCounty.findUnique({ where: { id }, include: FULL }),
    byCounty: (countyCode: string) => db.linkedCounty.findUnique({ where: { countyCode } }),
    create: (data: { countyCode: string; since: number; villages: string[] }, audit: AuditEntry) =>
      auditedWrite(db, audit, (tx) => tx.linkedCounty.create({ data })),
    addMeeting: (linkedCountyId: string, data: { heldOn: string; decisions: string }, audit: AuditEntry) =>
      auditedWrite(db, audit, (tx) =>
        tx.linkedMeeting.create({ data: { linkedCountyId, decisions: data.decisions, heldOn: day(data.heldOn) } }),
      ),
    meeting: (id: string) => db.linkedMeeting.findUnique({ where: { id } }),
    addItem: (meetingId: string, data: { title: string; owner: string; dueOn: string }, audit: AuditEntry) =>
      auditedWrite(db, audit, (tx) => tx.linkedItem.create({ data: { meetingId, ...data, dueOn: day(data.dueOn) } })),
    item: (id: string) => db.linkedItem.findUnique({ where: { id }, include: { meeting: true } }),
    setItem: (id: string, data: { state: string; doneOn: string | null }, audit: AuditEntry) =>
      auditedWrite(db, audit, (tx) =>
        tx.linkedItem.update({
          where: { id },
          data: { state: data.state, doneOn: data.doneOn ? day(data.doneOn) : null },
        }),
      ),
    addProject: (linkedCountyId: string, data: { title: string; notes?: string | undefined }, audit: AuditEntry) =>
      auditedWrite(db, audit, (tx) =>
        tx.linkedProject.create({ data: { linkedCountyId, title: data.title, notes: data.notes ?? null } }),
      ),
    project: (id: string) => db.linkedProject.findUnique({ where: { id } }),
    /** A dated update and the project's progress, together. */
    updateProject: (
      id: string,
      data: { on: string; percent: number; note?: string | undefined; byUserId: string },
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, async (tx) => {
        await tx.linkedProjectUpdate.create({
          data: {
            projectId: id,
            on: day(data.on),
            percent: data.percent,
            note: data.note ?? null,
            byUserId: data.byUserId,
          },
        });
        return tx.linkedProject.update({ where: { id }, data: { percent: data.percent } });
      }),
    addPairing: (
      linkedCountyId: string,
      data: { branch: string; student: string; support: string; amount: number; givenOn: string },
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, (tx) =>
        tx.linkedPairing.create({ data: { linkedCountyId, ...data, givenOn: day(data.givenOn) } }),
      ),
    figureRows: (year: number) =>
      db.linkedCounty.findMany({
        select: {
          countyCode: true,
          meetings: {
            where: { heldOn: { gte: day(`${year}-01-01`), lte: day(`${year}-12-31`) } },
            select: { items: { select: { state: true, doneOn: true } } },
          },
          projects: { select: { percent: true } },
          pairings: { select: { givenOn: true, amount: true } },
        },
      }),
  };
}

export type LinkedRepository = ReturnType<typeof createLinkedRepository>;
export type LinkedRow = Exclude<Awaited<ReturnType<LinkedRepository['one']>>, null>;
