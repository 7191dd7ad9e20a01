import { fileFromBuffer, inspectFile, readRows } from '../imports/index.ts';
import { type FieldIssue, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { mapHeaders, readRow } from './graduate-import.ts';
import type { ImportReport } from './graduates.contract.ts';
import type { GraduatesRepository, GraduateWrite } from './graduates.repository.ts';
import type { GraduatesService } from './graduates.service.ts';

/** A school's list can hold a year's graduates of a province; more is a mistake. */
export const MAX_IMPORT_ROWS = 20_000;

/**
 * Imports a school's list: every row read with the imports module's readers (CSV or XLSX, their
 * limits), checked against the registry, then written in one transaction. all_or_nothing refuses the
 * file on any bad row; per_row keeps the good rows and reports the bad ones.
 */
export function createGraduateImport(deps: { repo: GraduatesRepository; graduates: GraduatesService }) {
  const { repo, graduates } = deps;

  async function check(actor: SessionUser, content: Buffer, name: string) {
    const file = fileFromBuffer(name, content);
    const { format } = await inspectFile(file);
    const writes: GraduateWrite[] = [];
    const refused: ImportReport['refused'] = [];
    const seen = new Map<string, number>();
    let columns: ReturnType<typeof mapHeaders>['columns'] | null = null;
    let rows = 0;
    for await (const row of readRows(file, format)) {
      if (!columns) {
        const header = mapHeaders(row.cells);
        if (header.missing.length)
          throw new ValidationError(`The header row lacks ${header.missing.join(', ')}`, [
            { field: 'file', code: 'missing_columns', message: `lacks the columns ${header.missing.join(', ')}` },
          ]);
        columns = header.columns;
        continue;
      }
      rows += 1;
      if (rows > MAX_IMPORT_ROWS)
        throw new ValidationError(`More than ${MAX_IMPORT_ROWS} rows`, [
          { field: 'file', code: 'too_many_rows', message: `has more than ${MAX_IMPORT_ROWS} rows` },
        ]);
      const problems = await rowProblems(actor, row.cells, columns, row.rowNumber, seen, writes);
      if (problems.length) refused.push({ row: row.rowNumber, problems: problems.map(plain) });
    }
    return { rows, writes, refused };
  }

  async function rowProblems(
    actor: SessionUser,
    cells: string[],
    columns: ReturnType<typeof mapHeaders>['columns'],
    rowNumber: number,
    seen: Map<string, number>,
    writes: GraduateWrite[],
  ): Promise<FieldIssue[]> {
    const read = readRow(cells, columns);
    if (!read.ok) return read.issues;
    try {
      const write = await graduates.linked(actor, read.value);
      const key = `${write.labourerId}:${write.graduationYear}`;
      const first = seen.get(key);
      if (first !== undefined)
        return [{ field: 'idNumber', code: 'duplicate_in_file', message: `repeats row ${first}` }];
      seen.set(key, rowNumber);
      writes.push(write);
      return [];
    } catch (error) {
      if (error instanceof ValidationError) return error.issues;
      throw error;
    }
  }

  const plain = (issue: FieldIssue) => ({ field: issue.field, code: issue.code ?? 'invalid', message: issue.message });

  return {
    async importFile(
      actor: SessionUser,
      upload: { name: string; content: Buffer },
      mode: ImportReport['mode'],
      requestId?: string,
    ): Promise<ImportReport> {
      const { rows, writes, refused } = await check(actor, upload.content, upload.name);
      if (rows === 0)
        throw new ValidationError('The file has no graduates below its header row', [
          { field: 'file', code: 'no_rows', message: 'has no rows below the header' },
        ]);
      const keep = mode === 'all_or_nothing' && refused.length ? [] : writes;
      const { created, updated } = keep.length ? await repo.save(keep, actor.id) : { created: [], updated: [] };
      await repo.audit({
        actor,
        action: 'graduate.import',
        entity: 'graduate',
        requestId,
        details: { file: upload.name, rows, created: created.length, updated: updated.length, refused: refused.length },
      });
      return { mode, rows, created: created.length, updated: updated.length, refused };
    },
  };
}

export type GraduateImport = ReturnType<typeof createGraduateImport>;
