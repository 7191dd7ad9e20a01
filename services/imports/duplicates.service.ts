/**
 * Rows held as possible duplicates and the officer's decision on each. Nothing held is ever
 * merged without one: keep_existing writes nothing, use_incoming applies the row to the
 * registered person, distinct_people registers the row as someone new (only when the ID numbers
 * differ, since one ID number is one person).
 */
import { normaliseLabourer } from '../labourers/index.ts';
import type { LabourerCreate } from '../labourers/index.ts';
import { maskPhone, type PiiCipher } from '../platform/crypto/pii.ts';
import type { DuplicateResolution } from '../platform/database/generated/enums.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { type ImportActor, scopeOf } from './import-actor.ts';
import type { FlagView, RESOLUTIONS } from './imports.contract.ts';
import type { ImportsRepository } from './imports.repository.ts';
import { diffLabourer, type LabourerWrites } from './labourer-writes.repository.ts';
import { reasonText } from './reasons.ts';

/** What a flag keeps of the row: the validated values, the ID and phone numbers only encrypted. */
export interface IncomingRecord {
  fingerprint: string;
  idNumberEncrypted: string;
  idNumberHash: string;
  idNumberMasked: string;
  phoneEncrypted?: string | null;
  phoneMasked?: string | null;
  sex: string;
  birthDate: string;
  fields: string[];
  /** `phone` only in flags held before phones were encrypted (converted at start). */
  input: Omit<Partial<LabourerCreate>, 'idNumber'>;
}

export interface DuplicatesDeps {
  repo: ImportsRepository;
  writes: LabourerWrites;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
}

type FlagRow = NonNullable<Awaited<ReturnType<ImportsRepository['findFlag']>>>;
type Resolution = (typeof RESOLUTIONS)[number];
type PersonSummary = Awaited<ReturnType<ImportsRepository['labourerSummaries']>>[number];

/** A held row beside the registered person it may be, with the decisions still open on it. */
function flagView(flag: Omit<FlagRow, 'job'>, person: PersonSummary | undefined, ref: ReferenceNames): FlagView {
  const incoming = flag.incoming as unknown as IncomingRecord;
  const allowed: Resolution[] =
    flag.resolution !== 'pending'
      ? []
      : flag.reason === 'same_person_suspected'
        ? ['keep_existing', 'use_incoming', 'distinct_people']
        : ['keep_existing', 'use_incoming'];
  return {
    id: flag.id,
    jobId: flag.jobId,
    rowNumber: flag.rowNumber,
    otherRowNumber: flag.otherRowNumber,
    kind: flag.kind,
    code: flag.reason,
    reason: reasonText('en', flag.reason, 'duplicateReasons'),
    reasonZh: reasonText('zh-CN', flag.reason, 'duplicateReasons'),
    resolution: flag.resolution,
    resolvedAt: flag.resolvedAt?.toISOString() ?? null,
    allowed,
    incoming: {
      name: incoming.input.name ?? '',
      idNumberMasked: incoming.idNumberMasked,
      birthDate: incoming.birthDate,
      regionCode: incoming.input.regionCode ?? null,
      regionName: incoming.input.regionCode ? ref.regionName(incoming.input.regionCode) : '',
      employmentStatus: incoming.input.employmentStatus ?? null,
      phoneMasked: incoming.phoneMasked ?? (incoming.input.phone ? maskPhone(incoming.input.phone) : null),
    },
    existing: person
      ? {
          id: person.id,
          name: person.name,
          idNumberMasked: person.idNumberMasked,
          birthDate: person.birthDate.toISOString().slice(0, 10),
          regionCode: person.regionCode,
          regionName: ref.regionName(person.regionCode),
          employmentStatus: person.employmentStatus,
        }
      : null,
  };
}

export function createDuplicatesService({ repo, writes, pii, reference }: DuplicatesDeps) {
  async function jobInScope(actor: ImportActor, jobId: string) {
    const job = await repo.findJob(jobId);
    if (!job) throw new NotFoundError(`Import job ${jobId} does not exist`);
    if (!job.regionCode.startsWith(scopeOf(actor)))
      throw new ForbiddenError(`Import job ${jobId} is outside your region`);
    return job;
  }

  async function views(flags: Array<Omit<FlagRow, 'job'>>): Promise<FlagView[]> {
    const ref = await reference();
    const ids = [...new Set(flags.map((f) => f.existingLabourerId).filter((id): id is string => !!id))];
    const people = new Map((await repo.labourerSummaries(ids)).map((p) => [p.id, p]));
    return flags.map((flag) =>
      flagView(flag, flag.existingLabourerId ? people.get(flag.existingLabourerId) : undefined, ref),
    );
  }

  /** The held row as a registry record again, checked against today's reference data. */
  async function incomingValue(actor: ImportActor, incoming: IncomingRecord) {
    const idNumber = pii.decrypt(incoming.idNumberEncrypted);
    const phone = incoming.phoneEncrypted ? { phone: pii.decrypt(incoming.phoneEncrypted) } : {};
    const result = normaliseLabourer({ ...incoming.input, ...phone, idNumber }, await reference(), pii, 'create');
    if (!result.ok)
      throw new ValidationError(
        `The held row is no longer valid: ${result.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
        result.issues,
      );
    if (!(result.value.scalars.regionCode as string).startsWith(scopeOf(actor)))
      throw new ForbiddenError('The held row lies outside your region');
    return result.value;
  }

  return {
    async list(actor: ImportActor, jobId: string, resolution?: DuplicateResolution): Promise<FlagView[]> {
      await jobInScope(actor, jobId);
      return views(await repo.listFlags(jobId, resolution));
    },

    async resolve(actor: ImportActor, jobId: string, flagId: string, resolution: Resolution): Promise<FlagView> {
      const flag = await repo.findFlag(flagId);
      if (!flag || flag.jobId !== jobId) throw new NotFoundError(`Duplicate flag ${flagId} does not exist`);
      await jobInScope(actor, jobId);
      if (flag.resolution !== 'pending')
        throw new ConflictError(`This row was already decided: ${flag.resolution}`, { code: 'already_decided' });
      const incoming = flag.incoming as unknown as IncomingRecord;
      if (resolution === 'distinct_people' && flag.reason !== 'same_person_suspected')
        throw new ConflictError('Two records with the same ID number are one person: keep one of them', {
          code: 'same_id_one_person',
        });
      const value = resolution === 'keep_existing' ? undefined : await incomingValue(actor, incoming);
      const change = {
        actorId: actor.id,
        note: `导入 ${flag.job.fileName} 第 ${flag.rowNumber} 行（重复核查）`,
      };

      await repo.transaction(async (tx) => {
        if (!(await repo.resolveFlag(tx, flag.id, resolution, actor.id)))
          throw new ConflictError('This row was decided by someone else meanwhile', { code: 'already_decided' });
        if (!value) return;
        const holder = (await writes.findByHashes(tx, [incoming.idNumberHash])).get(incoming.idNumberHash);
        if (resolution === 'distinct_people') {
          if (holder)
            throw new ConflictError('A person with this ID number has been registered meanwhile', {
              code: 'registered_meanwhile',
            });
          await writes.createMany(tx, [{ value, note: change.note }], actor.id);
          return;
        }
        const targetId = flag.existingLabourerId ?? holder?.id;
        if (!targetId) {
          await writes.createMany(tx, [{ value, note: change.note }], actor.id);
        } else {
          const target = await writes.findById(tx, targetId);
          if (!target || target.erasedAt)
            throw new ConflictError('The registered person has been erased meanwhile', { code: 'erased_meanwhile' });
          if (!target.regionCode.startsWith(scopeOf(actor)))
            throw new ForbiddenError('The registered person lies outside your region');
          if (holder && holder.id !== target.id)
            throw new ConflictError('Another registered person holds the incoming ID number', {
              code: 'id_held_by_other',
            });
          const diff = diffLabourer(target, value, { includeIdentity: true });
          if (diff) await writes.update(tx, [{ id: target.id, ...diff, change }]);
        }
        if (flag.kind === 'in_file') {
          // The officer chose this row of the ID number: its other rows in the file are set aside.
          for (const sibling of await repo.siblingFlags(tx, flag.jobId, incoming.idNumberHash, flag.id))
            await repo.resolveFlag(tx, sibling.id, 'keep_existing', actor.id);
        }
      });
      const [view] = await views([(await repo.findFlag(flag.id))!]);
      return view!;
    },
  };
}

export type DuplicatesService = ReturnType<typeof createDuplicatesService>;
