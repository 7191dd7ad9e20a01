/**
 * One batch of rows, checked: matched against the registry and the rest of the file, and
 * written in one transaction with the job's counters, so the progress shown is what is committed.
 *
 * Per valid row: a new ID number is registered, unless someone with the same name, birth date and
 * household region is registered under another number (held: possibly the same person); a
 * registered ID number under the same name is updated when something changed; under another name
 * it is held; an ID number found on several rows of the file holds all of them.
 */
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { ImportsRepository, JobCounters, NewFlag, NewIssue } from './imports.repository.ts';
import { diffLabourer, type LabourerUpdate, type LabourerWrites, personKey } from './labourer-writes.repository.ts';
import type { ResolvedColumns } from './mapping.ts';
import type { RowResult, ValidRow } from './row-validation.ts';

/** What a batch needs of its job. */
export interface BatchJob {
  id: string;
  regionCode: string;
  fileName: string;
  actorId: string | null;
}

export interface BatchContext {
  repo: ImportsRepository;
  writes: LabourerWrites;
  pii: PiiCipher;
  job: BatchJob;
  columns: ResolvedColumns;
  /** ID numbers found on more than one row of the file, with those rows. */
  repeated: Map<string, number[]>;
  timings: { writeMs: number };
}

type HeldRow = NewFlag & { fingerprint: string };

function stableJson(value: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
}

/** What a flag keeps of a row: the validated values, the ID and phone numbers only encrypted. */
function held(
  pii: PiiCipher,
  row: ValidRow,
  kind: NewFlag['kind'],
  reason: string,
  existingLabourerId: string | null,
  otherRowNumber: number | null,
): HeldRow {
  const { idNumber: _clear, phone: _phone, ...input } = row.input;
  const content = stableJson(row.input as Record<string, unknown>);
  // The same content held again is recognised by this keyed hash; a row of the same ID number in
  // the file is told apart by its row number.
  const fingerprint = pii.hash(
    kind === 'in_file' ? `in_file|${row.rowNumber}|${content}` : `${reason}|${existingLabourerId}|${content}`,
  );
  const scalars = row.value.scalars;
  return {
    rowNumber: row.rowNumber,
    kind,
    reason,
    existingLabourerId,
    otherRowNumber,
    fingerprint,
    incoming: {
      fingerprint,
      idNumberEncrypted: scalars.idNumberEncrypted as string,
      idNumberHash: row.idHash,
      idNumberMasked: scalars.idNumberMasked as string,
      phoneEncrypted: (scalars.phoneEncrypted as string | null | undefined) ?? null,
      phoneMasked: (scalars.phoneMasked as string | null | undefined) ?? null,
      sex: scalars.sex as string,
      birthDate: (scalars.birthDate as Date).toISOString().slice(0, 10),
      fields: [...row.fields],
      input,
    },
  };
}

/** Writes one batch of checked rows (row-reader.ts checked them in its thread). */
export async function processBatch(ctx: BatchContext, results: RowResult[]): Promise<void> {
  const { repo, writes, pii, job } = ctx;
  const counters: JobCounters = {
    processedRows: results.length,
    createdCount: 0,
    updatedCount: 0,
    unchangedCount: 0,
    errorCount: 0,
    duplicateCount: 0,
  };
  const issues: NewIssue[] = [];
  const valid: ValidRow[] = [];
  for (const result of results) {
    if (result.ok) valid.push(result.row);
    else {
      issues.push(...result.issues);
      counters.errorCount++;
    }
  }
  const writeStart = performance.now();
  const idHeader = ctx.columns.header.get('idNumber') ?? 'idNumber';
  const note = (row: ValidRow) => `导入 ${job.fileName} 第 ${row.rowNumber} 行`;

  await repo.transaction(async (tx) => {
    const existing = await writes.findByHashes(
      tx,
      valid.map((v) => v.idHash),
    );
    const flags: HeldRow[] = [];
    const updates: LabourerUpdate[] = [];
    const fresh: ValidRow[] = [];
    for (const row of valid) {
      const person = existing.get(row.idHash);
      if (person && !person.regionCode.startsWith(job.regionCode)) {
        issues.push({
          rowNumber: row.rowNumber,
          column: idHeader,
          value: row.value.scalars.idNumberMasked as string,
          reason: 'registered_elsewhere',
        });
        counters.errorCount++;
        continue;
      }
      const group = ctx.repeated.get(row.value.idNumber);
      if (group) {
        const other = group.find((n) => n !== row.rowNumber) ?? null;
        flags.push(held(pii, row, 'in_file', 'same_id_in_file', person?.id ?? null, other));
      } else if (!person) {
        fresh.push(row);
      } else if (person.name !== row.value.scalars.name) {
        flags.push(held(pii, row, 'registry', 'same_id_different_name', person.id, null));
      } else {
        const diff = diffLabourer(person, row.value);
        if (diff) updates.push({ id: person.id, ...diff, change: { actorId: job.actorId, note: note(row) } });
        else counters.unchangedCount++;
      }
    }

    const scalarsOf = (row: ValidRow) =>
      row.value.scalars as { name: string; namePinyin: string; birthDate: Date; regionCode: string };
    const namesakes = await writes.findNamesakes(tx, fresh.map(scalarsOf));
    const creates: ValidRow[] = [];
    for (const row of fresh) {
      const namesake = namesakes.get(personKey(scalarsOf(row)));
      if (namesake && namesake.idNumberHash !== row.idHash)
        flags.push(held(pii, row, 'registry', 'same_person_suspected', namesake.id, null));
      else creates.push(row);
    }

    // The same row content held before (still pending, or decided) is not held again.
    const known = await repo.knownFingerprints(
      tx,
      flags.map((f) => f.fingerprint),
    );
    const newFlags = flags.filter((f) => !known.has(f.fingerprint));
    counters.unchangedCount += flags.length - newFlags.length;
    counters.duplicateCount = newFlags.length;
    counters.createdCount = creates.length;
    counters.updatedCount = updates.length;

    await writes.createMany(
      tx,
      creates.map((row) => ({ value: row.value, note: note(row) })),
      job.actorId,
    );
    await writes.update(tx, updates);
    await repo.addIssues(tx, job.id, issues);
    await repo.addFlags(
      tx,
      job.id,
      newFlags.map(({ fingerprint: _fp, ...flag }) => flag),
    );
    await repo.addToJob(tx, job.id, counters);
  });
  ctx.timings.writeMs += performance.now() - writeStart;
}
