import { describe, expect, it } from 'vitest';
import type { ComparisonKind } from './comparison.kinds.ts';
import { compareLists, employmentDisagrees, type RegistryPerson } from './comparison.rules.ts';
import type { ExternalPerson } from './external-people.ts';

const TODAY = new Date('2025-06-01T00:00:00Z');
let sequence = 0;

function registry(overrides: Partial<RegistryPerson> = {}): RegistryPerson {
  sequence += 1;
  return {
    id: `lab-${sequence}`,
    name: `登记${sequence}`,
    idNumberHash: `hash-${sequence}`,
    idNumberMasked: `350821********${String(sequence).padStart(4, '0')}`,
    regionCode: '350821100201',
    birthDate: new Date('1980-01-01T00:00:00Z'),
    employmentStatus: 'unemployed',
    povertyStatus: 'registered',
    pensionInsurance: 'urban_rural_resident',
    trainingWishes: [],
    ...overrides,
  };
}

function listed(person: { idNumberHash: string } | string, overrides: Partial<ExternalPerson> = {}): ExternalPerson {
  const idHash = typeof person === 'string' ? person : person.idNumberHash;
  return {
    idHash,
    idMasked: '350821********0000',
    name: '名单人',
    regionCode: '350821100201',
    rows: [2],
    detail: '',
    ...overrides,
  };
}

/** The findings without their person key (asserted once, below), as the report shows them. */
function run(kind: ComparisonKind, people: RegistryPerson[], external: ExternalPerson[], options = {}) {
  const result = keyed(kind, people, external, options);
  return { ...result, findings: result.findings.map(({ personKey: _key, ...finding }) => finding) };
}

function keyed(kind: ComparisonKind, people: RegistryPerson[], external: ExternalPerson[], options = {}) {
  return compareLists({
    kind,
    prefix: '350821',
    today: TODAY,
    registry: people,
    external: new Map(external.map((p) => [p.idHash, p])),
    registeredElsewhere: new Set(),
    ...options,
  });
}

describe('person keys', () => {
  it('keys a finding by the ID-number hash of its person, from either side', () => {
    const missing = registry();
    const { findings } = keyed('poverty_office', [missing], [listed('elsewhere-hash')]);
    expect(findings.map((f) => [f.kind, f.personKey])).toEqual([
      ['only_in_registry', missing.idNumberHash],
      ['only_in_external', 'elsewhere-hash'],
    ]);
  });
});

describe('people on one side only', () => {
  it('lists people missing from a list meant to be complete (poverty office, social insurance)', () => {
    const missing = registry({ name: '钟秀兰', employmentStatus: 'employed_local' });
    const present = registry();
    for (const kind of ['poverty_office', 'social_insurance'] as const) {
      const { findings } = run(kind, [missing, present], [listed(present)]);
      expect(findings.filter((f) => f.kind === 'only_in_registry')).toEqual([
        {
          kind: 'only_in_registry',
          labourerId: missing.id,
          name: '钟秀兰',
          idNumberMasked: missing.idNumberMasked,
          regionCode: missing.regionCode,
          registryValue: 'employed_local',
          externalValue: null,
        },
      ]);
    }
  });

  it('does not expect everyone on training, appraisal or employment-registration lists', () => {
    for (const kind of ['training_records', 'skills_appraisal', 'employment_registration'] as const) {
      expect(run(kind, [registry()], []).counts.byKind.only_in_registry).toBe(0);
    }
  });

  it('lists people of the region on any list who are not in the registry', () => {
    const { findings, counts } = run(
      'skills_appraisal',
      [],
      [listed('new', { name: '黄小梅', idMasked: '350821********1111', detail: '电工 · 四级' })],
    );
    expect(findings).toEqual([
      {
        kind: 'only_in_external',
        labourerId: null,
        name: '黄小梅',
        idNumberMasked: '350821********1111',
        regionCode: '350821100201',
        registryValue: null,
        externalValue: '电工 · 四级',
      },
    ]);
    expect(counts).toMatchObject({ externalPeople: 1, matched: 0, outsideScope: 0 });
  });

  it('leaves out people of other regions and people registered elsewhere, counting them', () => {
    const { findings, counts } = run(
      'poverty_office',
      [],
      [listed('elsewhere-region', { regionCode: '350424' }), listed('registered-elsewhere')],
      { registeredElsewhere: new Set(['registered-elsewhere']) },
    );
    expect(findings).toEqual([]);
    expect(counts.outsideScope).toBe(2);
  });

  it('ignores registry people outside the prefix', () => {
    const outside = registry({ regionCode: '350424100201' });
    const { counts } = run('poverty_office', [outside], []);
    expect(counts).toMatchObject({ registryPeople: 0, byKind: expect.objectContaining({ only_in_registry: 0 }) });
  });
});

describe('status disagreements', () => {
  it.each([
    ['unemployed', 'employed', true],
    ['not_in_labour_force', 'employed', true],
    ['employed_local', 'unemployed', true],
    ['transferred_out_province', 'terminated', true],
    ['unemployed', 'unemployed', false],
    ['unemployed', 'terminated', false],
    ['self_employed', 'employed', false],
    ['in_training', 'employed', false],
    ['in_training', 'unemployed', false],
  ] as const)('registry %s against a list saying %s: disagreement %s', (status, external, expected) => {
    expect(employmentDisagrees(status, { state: external, text: '' })).toBe(expected);
  });

  it('reports the registry code and the list’s own words', () => {
    const person = registry({ employmentStatus: 'unemployed' });
    const { findings } = run(
      'employment_registration',
      [person],
      [listed(person, { employment: { state: 'employed', text: '已就业 · 恒昌电子厂' } })],
    );
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'status_disagreement',
        labourerId: person.id,
        registryValue: 'unemployed',
        externalValue: '已就业 · 恒昌电子厂',
      }),
    ]);
  });

  it('compares the poverty status with the poverty office’s export only', () => {
    const person = registry({ povertyStatus: 'registered' });
    const entry = listed(person, { poverty: { state: 'lifted_out', text: '已脱贫' } });
    expect(run('poverty_office', [person], [entry]).findings).toEqual([
      expect.objectContaining({ kind: 'status_disagreement', registryValue: 'registered', externalValue: '已脱贫' }),
    ]);
    expect(run('training_records', [person], [entry]).findings).toEqual([]);
  });
});

describe('people aged 60 or more without pension insurance', () => {
  const old = { birthDate: new Date('1960-05-31T00:00:00Z') };
  const almost = { birthDate: new Date('1965-06-02T00:00:00Z') };

  it('on a social-insurance list: flags unless the list shows an active pension enrolment', () => {
    const covered = registry({ ...old, pensionInsurance: 'none' });
    const lapsed = registry({ ...old, name: '乙' });
    const absent = registry({ ...old, name: '丙' });
    const young = registry({ ...almost, pensionInsurance: 'none' });
    const { findings } = run(
      'social_insurance',
      [covered, lapsed, absent, young],
      [
        listed(covered, { pension: { state: 'enrolled', text: '城乡居民基本养老保险 · 正常缴费' } }),
        listed(lapsed, { pension: { state: 'not_enrolled', text: '城乡居民基本养老保险 · 暂停缴费' } }),
        listed(young),
      ],
    );
    // Ordered by region, then by name in Chinese collation (丙 bǐng before 乙 yǐ).
    expect(findings.filter((f) => f.kind === 'no_pension_60_plus')).toEqual([
      expect.objectContaining({ labourerId: absent.id, externalValue: null }),
      expect.objectContaining({
        labourerId: lapsed.id,
        registryValue: 'urban_rural_resident',
        externalValue: '城乡居民基本养老保险 · 暂停缴费',
      }),
    ]);
  });

  it('on the poverty office’s export: its pension column decides, else the registry', () => {
    const none = registry({ ...old, pensionInsurance: 'none' });
    const noneButListed = registry({ ...old, pensionInsurance: 'none' });
    const insuredButListedNot = registry({ ...old, pensionInsurance: 'urban_rural_resident' });
    const { findings } = run(
      'poverty_office',
      [none, noneButListed, insuredButListedNot],
      [
        listed(none),
        listed(noneButListed, { pension: { state: 'enrolled', text: '是' } }),
        listed(insuredButListedNot, { pension: { state: 'not_enrolled', text: '否' } }),
      ],
    );
    expect(new Set(findings.filter((f) => f.kind === 'no_pension_60_plus').map((f) => f.labourerId))).toEqual(
      new Set([none.id, insuredButListedNot.id]),
    );
  });

  it('counts the age on the day of the comparison', () => {
    const turnsSixtyToday = registry({ birthDate: new Date('1965-06-01T00:00:00Z'), pensionInsurance: 'none' });
    expect(run('poverty_office', [turnsSixtyToday], [listed(turnsSixtyToday)]).counts.byKind.no_pension_60_plus).toBe(
      1,
    );
  });

  it('is not checked against training, appraisal or employment lists', () => {
    const person = registry({ ...old, pensionInsurance: 'none' });
    expect(run('training_records', [person], [listed(person)]).counts.byKind.no_pension_60_plus).toBe(0);
  });
});

describe('people who wanted training and got none', () => {
  it('flags training wishes with no training record', () => {
    const wanted = registry({ trainingWishes: ['电子装配工', '家政服务员'] });
    const trained = registry({ trainingWishes: ['电子装配工'] });
    const noWish = registry();
    const { findings } = run('training_records', [wanted, trained, noWish], [listed(trained)]);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'training_wanted_none',
        labourerId: wanted.id,
        registryValue: '电子装配工、家政服务员',
        externalValue: null,
      }),
    ]);
  });
});

describe('counts', () => {
  it('counts each finding kind, the people on each side and those matched', () => {
    const a = registry({ employmentStatus: 'unemployed' });
    const b = registry();
    const { counts, findings } = run('poverty_office', [a, b], [listed(a), listed('stranger')]);
    expect(counts).toEqual({
      registryPeople: 2,
      externalPeople: 2,
      matched: 1,
      outsideScope: 0,
      byKind: {
        only_in_registry: 1,
        only_in_external: 1,
        status_disagreement: 0,
        no_pension_60_plus: 0,
        training_wanted_none: 0,
      },
    });
    expect(findings.map((f) => f.kind)).toEqual(['only_in_registry', 'only_in_external']);
  });
});
