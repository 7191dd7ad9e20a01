import { fileFromBuffer, inspectFile, readRows } from '../imports/index.ts';
import type { RegistryLookup } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskIdNumber, maskName } from '../platform/crypto/pii.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { audit } from './catalogue.service.ts';
import { QUALIFIED_AID } from './tech-school-aid.contract.ts';
import type { TechSchoolAidRepository } from './tech-school-aid.repository.ts';
import { mapHeaders, readListRow, type ListRow } from './tech-school-aid-check.ts';
import type {
  NewFinding,
  TechSchoolAidCheckRepository,
  TechSchoolAidFinding,
} from './tech-school-aid-check.repository.ts';
import { poorFamilyLinks } from './tech-school-families.ts';

/** A school's list for a city or province; more is a mistake (split it by school). */
export const MAX_LIST_ROWS = 5_000;

export interface CheckOutcome {
  rows: number;
  /** Rows with a problem of form: when any, nothing is compared or saved. */
  refused: { row: number; problems: FieldIssue[] }[];
  checkId?: string;
}

export interface FindingQuery {
  checkId?: string | undefined;
  regionCode?: string | undefined;
}

const fileError = (code: string, message: string) =>
  new ValidationError(`The file ${message}`, [{ field: 'file', code, message }]);

/** Reads a school's list: each row checked for form, a student repeated in a term refused. */
async function readList(upload: { name: string; content: Buffer }) {
  const file = fileFromBuffer(upload.name, upload.content);
  const { format } = await inspectFile(file);
  const values: { row: number; value: ListRow }[] = [];
  const refused: CheckOutcome['refused'] = [];
  const seen = new Map<string, number>();
  let columns: ReturnType<typeof mapHeaders>['columns'] | null = null;
  for await (const row of readRows(file, format)) {
    if (!columns) {
      const header = mapHeaders(row.cells);
      if (header.missing.length)
        throw new ValidationError('The file lacks columns', [
          { field: 'file', code: 'missing_columns', message: `lacks the columns ${header.missing.join(', ')}` },
        ]);
      columns = header.columns;
      continue;
    }
    if (row.cells.every((c) => !c.trim())) continue;
    if (values.length + refused.length >= MAX_LIST_ROWS)
      throw fileError('too_many_rows', `has more than ${MAX_LIST_ROWS} rows`);
    const read = readListRow(row.cells, columns);
    if (!read.ok) {
      refused.push({ row: row.rowNumber, problems: read.issues });
      continue;
    }
    const key = `${read.value.idNumber}|${read.value.term}`;
    const first = seen.get(key);
    if (first !== undefined)
      refused.push({
        row: row.rowNumber,
        problems: [
          { field: 'idNumber', code: 'duplicate_in_file', message: `repeats row ${first}`, params: { row: first } },
        ],
      });
    else {
      seen.set(key, row.rowNumber);
      values.push({ row: row.rowNumber, value: read.value });
    }
  }
  if (!values.length && !refused.length) throw fileError('no_rows', 'has no rows below the header');
  return { values, refused };
}

/**
 * Share-and-compare with the technical schools' student-status and aid lists (plan §7(2) 加强技工院校
 * 学籍、资助管理，及时梳理学生学籍和资助信息与有关部门共享比对，确保符合条件的贫困家庭学生都能够享受到资助政策).
 * An officer uploads a school's list (CSV or XLSX: name, ID number, school, programme, term, aid kinds
 * received); every row is checked for form first and a file with any problem is refused whole, naming
 * row and column. Students are matched to the registry by the ID number's keyed hash (the number is
 * neither stored nor logged); of the registered poor families' students within the officer's region,
 * those not receiving the fee waiver and the state grant they qualify for, and those whose enrolment
 * the platform has not recorded, are kept as findings, per county.
 */
export function createTechSchoolAidCheck(deps: {
  repo: TechSchoolAidCheckRepository;
  aidRepo: TechSchoolAidRepository;
  registry: RegistryLookup;
  reference: () => Promise<ReferenceNames>;
}) {
  const { repo, aidRepo, registry, reference } = deps;

  /** The findings of the rows: poor families' students of the scope lacking aid or an enrolment. */
  async function compare(scope: string, values: { row: number; value: ListRow }[]) {
    const found = await registry.byIdNumbers(values.map((v) => v.value.idNumber));
    const inScope = values.filter((v) => found.get(v.value.idNumber)?.regionCode.startsWith(scope));
    const people = await aidRepo.people([...new Set(inScope.map((v) => found.get(v.value.idNumber)!.id))]);
    const links = await poorFamilyLinks(aidRepo, people);
    const byId = new Map(people.map((p) => [p.id, p]));
    type Place = Awaited<ReturnType<TechSchoolAidRepository['placesOfChildren']>>[number];
    const placesOf = new Map<string, Place[]>();
    for (const place of await aidRepo.placesOfChildren([...links.keys()]))
      placesOf.set(place.childLabourerId!, [...(placesOf.get(place.childLabourerId!) ?? []), place]);
    const findings: NewFinding[] = [];
    let poor = 0;
    for (const { row, value } of inScope) {
      const person = byId.get(found.get(value.idNumber)!.id);
      if (!person || !links.has(person.id)) continue;
      poor += 1;
      const common = {
        rowNumber: row,
        labourerId: person.id,
        name: maskName(value.name),
        idNumberMasked: maskIdNumber(value.idNumber),
        regionCode: person.regionCode,
        school: value.school,
        programme: value.programme,
        term: value.term,
      };
      const missing = QUALIFIED_AID.filter((kind) => !value.aid.includes(kind));
      if (missing.length) findings.push({ ...common, kind: 'aid_missing', missingKinds: [...missing] });
      const own = placesOf.get(person.id) ?? [];
      if (!own.some((p) => p.state === 'enrolled'))
        findings.push({ ...common, kind: 'not_enrolled', placeState: own[0]?.state ?? null });
    }
    return { matched: inScope.length, poor, findings };
  }

  async function findingsOf(actor: SessionUser, checkId: string | undefined, regionCode: string | undefined) {
    const scope = scopePrefix(actor);
    const checks = await repo.checks(scope);
    const check = checkId ? await repo.check(checkId, scope) : (checks[0] ?? null);
    if (checkId && !check) throw new NotFoundError(`Check ${checkId} does not exist`);
    const prefix = regionCode && regionCode.startsWith(scope) ? regionCode : scope;
    const findings = check ? await repo.findings(check.id, prefix) : [];
    return { checks, check, findings };
  }

  /** The checks the actor may see and the findings of one (the latest by default) within a county. */
  async function listFindings(actor: SessionUser, query: FindingQuery, locale = 'zh-CN') {
    const { checks, check, findings } = await findingsOf(actor, query.checkId, query.regionCode);
    const ref = await reference();
    return {
      checks,
      check,
      findings: findings.map((f) => ({ ...f, regionName: ref.regionNameIn(f.regionCode, locale) })),
      counties: countiesOf(findings, ref, locale),
    };
  }

  return {
    /** Reads the list, and when every row is well formed compares it and saves the findings (audited). */
    async run(
      actor: SessionUser,
      upload: { name: string; content: Buffer },
      requestId?: string,
    ): Promise<CheckOutcome> {
      const { values, refused } = await readList(upload);
      const rows = values.length + refused.length;
      if (refused.length) return { rows, refused: refused.sort((a, b) => a.row - b.row) };
      const scope = scopePrefix(actor);
      const { matched, poor, findings } = await compare(scope, values);
      const counts = Object.fromEntries(
        (['aid_missing', 'not_enrolled'] as const).map((k) => [k, findings.filter((f) => f.kind === k).length]),
      );
      const check = await repo.save(
        { fileName: upload.name, regionCode: scope, rows, matched, poor, createdById: actor.id },
        findings,
        {
          ...audit(actor, 'training.tech_school.aid_check', 'TechSchoolAidCheck', requestId),
          details: { file: upload.name, rows, matched, poor, ...counts },
        },
      );
      return { rows, refused: [], checkId: check.id };
    },

    findings: listFindings,

    /** The findings for a download (names and ID numbers masked), audited. */
    async export(actor: SessionUser, query: FindingQuery, format: string, locale: string, requestId: string) {
      const result = await listFindings(actor, query, locale);
      await repo.audit({
        ...audit(actor, 'training.tech_school.aid_check_export', 'TechSchoolAidFinding', requestId),
        ...(result.check ? { entityId: result.check.id } : {}),
        details: { format, regionCode: query.regionCode ?? null, rows: result.findings.length },
      });
      return result;
    },
  };
}

/** Findings per county, by kind: the page's table and chart. */
function countiesOf(findings: TechSchoolAidFinding[], ref: ReferenceNames, locale: string) {
  const byCounty = new Map<string, { aidMissing: number; notEnrolled: number }>();
  for (const f of findings) {
    const code = f.regionCode.slice(0, 6);
    const entry = byCounty.get(code) ?? { aidMissing: 0, notEnrolled: 0 };
    if (f.kind === 'aid_missing') entry.aidMissing += 1;
    else entry.notEnrolled += 1;
    byCounty.set(code, entry);
  }
  return [...byCounty]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, counts]) => ({ code, name: ref.regionNameIn(code, locale), ...counts }));
}

export type TechSchoolAidCheckService = ReturnType<typeof createTechSchoolAidCheck>;
