import { fileFromBuffer, inspectFile, readRows } from '../imports/index.ts';
import type { CertificateGrant, RegistryLookup } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ValidationError, type FieldIssue } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { mapHeaders, readRow, type RowValues } from './certificate-import.ts';
import type { CertificateImportRepository } from './certificate-import.repository.ts';

/** An appraisal system's export for a county; more is a mistake (and too big to preview on a phone). */
export const MAX_CERTIFICATE_ROWS = 2_000;

export interface CertificateReport {
  rows: number;
  /** Rows that would write (preview) or wrote (saved) a new certificate. */
  fresh: number;
  /** Rows whose certificate the person holds already (same number and kind): nothing to write. */
  known: number;
  refused: { row: number; problems: FieldIssue[] }[];
  saved: boolean;
}

const fileError = (code: string, message: string) =>
  new ValidationError(`The file ${message}`, [{ field: 'file', code, message }]);
const problem = (field: string, code: string, message: string): FieldIssue[] => [{ field, code, message }];
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Certificates from the vocational-skills appraisal system (职业技能鉴定, plan §7(2) 数据比对), as a CSV
 * or XLSX file: every row is checked (form, the registry by ID number, the officer's region, the
 * number), the officer sees the preview with each refused row's problems, and only a file without
 * problems is written, all rows in one transaction.
 */
export function createCertificateImport(deps: { repo: CertificateImportRepository; registry: RegistryLookup }) {
  const { repo, registry } = deps;

  async function kindFinder() {
    const kinds = await repo.kinds();
    const byWord = new Map<string, string>();
    for (const k of kinds) byWord.set(k.code.toUpperCase(), k.code).set(k.nameZh, k.code);
    return (word: string) => byWord.get(word.trim()) ?? byWord.get(word.trim().toUpperCase());
  }

  /** The person and the checks against the registry and the recorded numbers; a grant or the problems. */
  async function rowGrant(
    actor: SessionUser,
    value: RowValues,
    held: Map<string, { labourerId: string; kind: string }>,
  ) {
    const person = await registry.byIdNumber(value.idNumber);
    if (!person) return { issues: problem('idNumber', 'not_in_registry', 'is not in the registry') };
    if (!person.regionCode.startsWith(scopePrefix(actor)))
      return { issues: problem('idNumber', 'not_in_region', 'is a person of another region') };
    const recorded = held.get(value.number);
    if (recorded && (recorded.labourerId !== person.id || recorded.kind !== value.kind))
      return { issues: problem('number', 'number_taken', 'is recorded for another certificate') };
    const grant: CertificateGrant = {
      labourerId: person.id,
      kind: value.kind,
      level: value.level,
      issuer: value.issuer,
      issuedOn: new Date(`${value.issuedOn}T00:00:00Z`),
      number: value.number,
    };
    return { grant, known: !!recorded };
  }

  async function check(actor: SessionUser, upload: { name: string; content: Buffer }) {
    const file = fileFromBuffer(upload.name, upload.content);
    const { format } = await inspectFile(file);
    const values: { row: number; value: RowValues }[] = [];
    const refused: CertificateReport['refused'] = [];
    const kindOf = await kindFinder();
    let columns: ReturnType<typeof mapHeaders>['columns'] | null = null;
    for await (const row of readRows(file, format)) {
      if (!columns) {
        const header = mapHeaders(row.cells);
        if (header.missing.length) throw fileError('missing_columns', `lacks the columns ${header.missing.join(', ')}`);
        columns = header.columns;
        continue;
      }
      if (values.length + refused.length >= MAX_CERTIFICATE_ROWS)
        throw fileError('too_many_rows', `has more than ${MAX_CERTIFICATE_ROWS} rows`);
      const read = readRow(row.cells, columns, kindOf, today());
      if (read.ok) values.push({ row: row.rowNumber, value: read.value });
      else refused.push({ row: row.rowNumber, problems: read.issues });
    }
    if (!values.length && !refused.length) throw fileError('no_rows', 'has no rows below the header');
    const held = await repo.byNumbers(values.map((v) => v.value.number));
    const grants: CertificateGrant[] = [];
    const seen = new Map<string, number>();
    let known = 0;
    for (const { row, value } of values) {
      const first = seen.get(value.number);
      if (first !== undefined) {
        refused.push({ row, problems: problem('number', 'duplicate_in_file', `repeats row ${first}`) });
        continue;
      }
      seen.set(value.number, row);
      const result = await rowGrant(actor, value, held);
      if (result.issues) refused.push({ row, problems: result.issues });
      else if (result.known) known += 1;
      else grants.push(result.grant);
    }
    refused.sort((a, b) => a.row - b.row);
    return { grants, known, refused };
  }

  return {
    /** Reads and checks the file; writes nothing. */
    async preview(actor: SessionUser, upload: { name: string; content: Buffer }): Promise<CertificateReport> {
      const { grants, known, refused } = await check(actor, upload);
      return { rows: grants.length + known + refused.length, fresh: grants.length, known, refused, saved: false };
    },

    /** Checks the file again and writes every new certificate, or nothing when any row has a problem. */
    async commit(
      actor: SessionUser,
      upload: { name: string; content: Buffer },
      requestId?: string,
    ): Promise<CertificateReport> {
      const { grants, known, refused } = await check(actor, upload);
      const report = { rows: grants.length + known + refused.length, fresh: grants.length, known, refused };
      if (refused.length) return { ...report, saved: false };
      await repo.saveAll(grants, {
        actor,
        action: 'training.certificates.import',
        entity: 'LabourerCertificate',
        ...(requestId ? { requestId } : {}),
        details: { file: upload.name, rows: report.rows, written: grants.length, known },
      });
      return { ...report, saved: true };
    },
  };
}

export type CertificateImport = ReturnType<typeof createCertificateImport>;
