import { FixtureSchema } from '../../services/matching/eval/fixture.ts';

const DAY = 86_400_000;

/**
 * A few counties of 三明 and 长汀, one per push outcome: 长汀 has jobs for everyone, 宁化 one
 * place for four people (the per-vacancy cap), and one county per reason for being left without.
 */
export function pushesProvince(now = new Date()) {
  const born = (age: number) => `${now.getUTCFullYear() - age - 1}-06-15`;
  const job = (key: string, employer: string, regionCode: string, extra: object = {}) => ({
    key,
    employer,
    title: `岗位${key}`,
    occupationCode: 'C03-001',
    skills: ['S-ELEC-ASSEMBLY'],
    regionCode,
    wageMin: 4000,
    wageMax: 5500,
    headcount: 2,
    ageMin: 18,
    ageMax: 50,
    status: 'open',
    publishedAt: new Date(now.getTime() - 10 * DAY).toISOString(),
    ...extra,
  });
  const person = (key: string, regionCode: string, extra: object = {}) => ({
    key,
    birthDate: born(35),
    sex: 'female',
    regionCode,
    skills: ['S-ELEC-ASSEMBLY'],
    desiredOccupations: ['C03-001'],
    mobility: 'county',
    expectedWage: 3500,
    ...extra,
  });
  const employer = (key: string, name: string, regionCode: string, kind = 'company') => ({
    key,
    name,
    kind,
    verified: true,
    regionCode,
  });
  return FixtureSchema.parse({
    now: now.toISOString(),
    employers: [
      employer('ct', '长汀县汀州电子厂', '350821100'),
      employer('nh', '宁化县翠江电子厂', '350424100'),
      employer('dt', '大田县均溪电子厂', '350425'),
      employer('pw', '尤溪县公益性岗位服务站', '350426', 'public_welfare'),
      employer('jl', '将乐县古镛电子厂', '350428'),
      employer('tn', '泰宁县杉城电子厂', '350429'),
    ],
    vacancies: [
      job('ct1', 'ct', '350821100'),
      job('ct2', 'ct', '350821100', { wageMax: 5000 }),
      job('ct3', 'ct', '350821100', { wageMax: 4500 }),
      job('solo', 'nh', '350424100', { headcount: 1 }),
      job('dt-young', 'dt', '350425', { ageMax: 30 }),
      job('yx-welfare', 'pw', '350426', { publicWelfarePost: true, occupationCode: 'C08-003', skills: [] }),
      job('jl-low', 'jl', '350428', { wageMin: 2000, wageMax: 2500 }),
      job('tn1', 'tn', '350429'),
    ],
    labourers: [
      person('lin', '350821100201'),
      person('zhang', '350821100202', { birthDate: born(30) }),
      person('wang', '350821101', { birthDate: born(45), sex: 'male' }),
      person('idle', '350821100201', { wantsJob: false }),
      person('n1', '350424100'),
      person('n2', '350424100'),
      person('n3', '350424100'),
      person('n4', '350424100'),
      person('nowhere', '350423'),
      person('old', '350425', { birthDate: born(55) }),
      person('not-hard', '350426'),
      person('rich', '350428', { expectedWage: 8000 }),
      person('picky', '350429'),
    ],
    feedback: [{ labourer: 'picky', vacancy: 'tn1', reason: '太远' }],
    judgments: [],
  });
}
