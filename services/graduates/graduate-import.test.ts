import { describe, expect, it } from 'vitest';
import { mapHeaders, readRow } from './graduate-import.ts';
import { roundRobin } from './pairings.service.ts';

describe('school list columns', () => {
  it('finds the columns by their Chinese or English headers and names the missing ones', () => {
    const { columns, missing } = mapHeaders(['身份证号', '学校名称', '学校类别', ' 专业 ', '毕业年度', 'wish', '备注']);
    expect(columns).toMatchObject({ idNumber: 0, schoolName: 1, schoolKind: 2, major: 3, graduationYear: 4, wish: 5 });
    expect(missing).toEqual([]);
    expect(mapHeaders(['身份证号', '学校']).missing).toEqual(['schoolKind', 'major', 'graduationYear', 'wish']);
  });

  it('reads the words schools write for kinds, wishes and statuses', () => {
    const { columns } = mapHeaders([
      '身份证号',
      '学校',
      '学校类别',
      '专业',
      '毕业年度',
      '意愿',
      '状态',
      '意向职业',
      '离校日期',
    ]);
    const read = readRow(
      [
        '35082120040101123X',
        '龙岩技师学院',
        '预备技师班',
        '数控技术',
        '2026',
        '就业',
        '离校未就业',
        'C03-001、C03-002',
        '2026/06/30',
      ],
      columns,
    );
    expect(read).toEqual({
      ok: true,
      value: {
        idNumber: '35082120040101123X',
        schoolName: '龙岩技师学院',
        schoolKind: 'technical_preparatory',
        major: '数控技术',
        graduationYear: 2026,
        leftSchoolOn: '2026-06-30',
        wish: 'job',
        status: 'left_without_work',
        occupations: ['C03-001', 'C03-002'],
      },
    });
  });

  it('names every bad field of a row', () => {
    const { columns } = mapHeaders(['身份证号', '学校', '学校类别', '专业', '毕业年度', '意愿']);
    const read = readRow(['12345', '龙岩技师学院', '夜校', '数控', '二〇二六', '就业'], columns);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.issues.map((i) => i.field).sort()).toEqual(['graduationYear', 'idNumber', 'schoolKind']);
  });
});

describe('pairing all in a region, round-robin', () => {
  it('gives graduates in turn to the matchmakers whose region covers them', () => {
    const pairs = roundRobin(
      [
        { id: 'g1', regionCode: '350821101' },
        { id: 'g2', regionCode: '350821102' },
        { id: 'g3', regionCode: '350424100' },
        { id: 'g4', regionCode: '350821103' },
      ],
      [
        { id: 'county', regionCode: '350821' },
        { id: 'township', regionCode: '350821102' },
      ],
    );
    // g3 lives where neither works: left unpaired.
    expect(pairs).toEqual([
      { graduateId: 'g1', matchmakerId: 'county' },
      { graduateId: 'g2', matchmakerId: 'township' },
      { graduateId: 'g4', matchmakerId: 'county' },
    ]);
  });
});
