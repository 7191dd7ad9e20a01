import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFile, personRow, xlsxFile } from '../../tests/fixtures/imports/files.ts';
import { PiiCipher } from '../platform/crypto/pii.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { ReferenceNames, type ReferenceData } from '../platform/reference/reference-data.ts';
import { UPLOAD_LIMITS } from '../platform/upload-limits.ts';
import { buildTaxonomy } from './cell-values.ts';
import { surveyFile } from './file-survey.ts';
import { fileFromBuffer, fileFromPath, type ImportFile, readRows } from './parse.ts';
import { createRowReader, PART, type RowContextData } from './row-reader.ts';
import { type RowResult, validateRow } from './row-validation.ts';

// Just enough reference data for the fixture's people of 长汀县 (350821).
const region = (name: string) => ({ name, lat: null, lng: null });
const reference: ReferenceData = [
  new Map([
    ['35', region('福建省')],
    ['3508', region('龙岩市')],
    ['350821', region('长汀县')],
    ['350821100', region('汀州镇')],
  ]),
  new Map([['6-04-01-01', { name: '电子装配工', categoryCode: '6' }]]),
  new Map([['S-ELEC-ASSEMBLY', '电子产品组装']]),
  new Map(),
];
const taxonomy = {
  skills: [{ code: 'S-ELEC-ASSEMBLY', nameZh: '电子产品组装' }],
  occupations: [{ code: '6-04-01-01', nameZh: '电子装配工' }],
};
const pii = new PiiCipher('row-reader-test-key-0123456789abcdef');
const context: RowContextData = { reference, taxonomy, pii: pii.keys(), scope: '350821' };

/** What the app's thread made of the same file before the reader existed: survey, then validateRow per row. */
async function inThisThread(file: ImportFile) {
  const survey = (await surveyFile(file, 'csv', {}))!;
  const ctx = { ref: ReferenceNames.fromData(reference), taxonomy: buildTaxonomy(taxonomy), pii, scope: '350821' };
  const results: RowResult[] = [];
  for await (const row of readRows(file, 'csv'))
    if (row.rowNumber > survey.headerRow) results.push(validateRow(row, survey.columns, ctx));
  return { survey, results };
}

/** Ciphertexts differ at every encryption: compared by what they open to. */
function opened(results: RowResult[]) {
  return results.map((result) => {
    if (!result.ok) return result;
    const { idNumberEncrypted, phoneEncrypted, ...scalars } = result.row.value.scalars as Record<string, unknown>;
    return {
      ...result.row,
      value: { ...result.row.value, scalars },
      id: pii.decrypt(idNumberEncrypted as string),
      phone: phoneEncrypted ? pii.decrypt(phoneEncrypted as string) : null,
    };
  });
}

describe('the import reader (a worker thread)', () => {
  const reader = createRowReader();
  afterAll(() => reader.close());

  const checkAll = async (file: ImportFile, format: 'csv' | 'xlsx' = 'csv', ahead = 2 * PART) => {
    const survey = (await reader.survey(file, format, {}))!;
    const parts: RowResult[][] = [];
    for await (const part of reader.check(file, format, survey, context, ahead)) parts.push(part.results);
    return { survey, parts };
  };

  it('surveys and checks a file as the app’s thread would, in order and in parts', async () => {
    const rows = Array.from({ length: 250 }, (_, i) =>
      personRow(i === 7 ? { 身份证号: '350821199001011230' } : i === 9 ? { 性别: '不详' } : {}),
    );
    const file = fileFromBuffer('people.csv', csvFile(rows));
    const { survey, parts } = await checkAll(file);
    const here = await inThisThread(file);

    expect(survey).toEqual(here.survey);
    expect(parts.map((p) => p.length)).toEqual([PART, PART, 50]);
    const results = parts.flat();
    expect(opened(results)).toEqual(opened(here.results));
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? 0 : r.issues[0]!.rowNumber))).toEqual([9, 11]);
    expect(results.filter((r) => r.ok)).toHaveLength(248);
  });

  it('reads a file from disk (the command line) and an XLSX upload', async () => {
    const rows = [personRow(), personRow()];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'row-reader-'));
    try {
      const onDisk = path.join(dir, 'people.csv');
      fs.writeFileSync(onDisk, csvFile(rows));
      const fromDisk = await checkAll(fileFromPath(onDisk));
      expect(fromDisk.parts.flat().map((r) => r.ok)).toEqual([true, true]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const xlsx = await checkAll(fileFromBuffer('people.xlsx', await xlsxFile(rows)), 'xlsx');
    expect(xlsx.parts.flat().map((r) => r.ok && r.row.input.name)).toEqual(rows.map((r) => r.姓名));
  });

  it('sends back an upload limit as the same refusal, naming the file and the row', async () => {
    const file = fileFromBuffer(
      'long.csv',
      csvFile([personRow(), personRow({ 姓名: 'x'.repeat(UPLOAD_LIMITS.cellCharacters + 1) })]),
    );
    const refused = await reader.survey(file, 'csv', {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      expect.objectContaining({ field: 'file', code: 'cell_too_long', message: expect.stringMatching(/^Row 3: /) }),
    ]);
  });

  it('stops reading for a caller that stops early, and takes the next file', async () => {
    const file = fileFromBuffer('many.csv', csvFile(Array.from({ length: 1000 }, () => personRow())));
    const survey = (await reader.survey(file, 'csv', {}))!;
    for await (const part of reader.check(file, 'csv', survey, context, PART)) {
      expect(part.results).toHaveLength(PART);
      break;
    }
    const next = await checkAll(fileFromBuffer('two.csv', csvFile([personRow(), personRow()])));
    expect(next.parts.flat()).toHaveLength(2);
  });
});
