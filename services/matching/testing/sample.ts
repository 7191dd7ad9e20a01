import { Taxonomy } from '../taxonomy.ts';
import type { JobFacts, PersonProfile } from '../types.ts';

const POINTS: Record<string, { lat: number; lng: number }> = {
  '35': { lat: 26.1, lng: 119.3 },
  '3508': { lat: 25.0943, lng: 117.0249 },
  '350821': { lat: 25.8364, lng: 116.3528 },
  '350824': { lat: 25.098, lng: 116.0955 },
  '3502': { lat: 24.4932, lng: 118.0844 },
  '350206': { lat: 24.5123, lng: 118.1466 },
  '6404': { lat: 36.0048, lng: 106.281 },
  '640402': { lat: 36.0048, lng: 106.281 },
};
const NAMES: Record<string, [string, string]> = {
  '35': ['福建省', 'Fujian Province'],
  '3508': ['龙岩市', 'Longyan City'],
  '350821': ['长汀县', 'Changting County'],
  '350821100': ['汀州镇', 'Tingzhou Town'],
  '350821101': ['大同镇', 'Datong Town'],
  '350824': ['武平县', 'Wuping County'],
  '3502': ['厦门市', 'Xiamen City'],
  '350206': ['湖里区', 'Huli District'],
  '64': ['宁夏回族自治区', 'Ningxia'],
  '6404': ['固原市', 'Guyuan City'],
  '640402': ['原州区', 'Yuanzhou District'],
};

/** A slice of the real taxonomy, enough for the unit tests of the re-rank. */
export const taxonomy = new Taxonomy(
  {
    skills: [
      {
        code: 'S-PCB-SOLDERING',
        nameZh: '电子元件焊接',
        nameEn: 'PCB soldering',
        relatedCodes: ['S-ARC-WELDING', 'S-ELEC-ASSEMBLY'],
      },
      { code: 'S-ARC-WELDING', nameZh: '电焊', nameEn: 'Arc welding', relatedCodes: ['S-PCB-SOLDERING'] },
      {
        code: 'S-ELEC-ASSEMBLY',
        nameZh: '电子产品组装',
        nameEn: 'Electronics assembly',
        relatedCodes: ['S-ESD', 'S-PCB-SOLDERING'],
      },
      { code: 'S-ESD', nameZh: '防静电操作', nameEn: 'ESD handling', relatedCodes: ['S-ELEC-ASSEMBLY'] },
      { code: 'S-FORKLIFT', nameZh: '叉车操作', nameEn: 'Forklift operation', relatedCodes: ['S-LOADING'] },
      { code: 'S-LOADING', nameZh: '装卸车', nameEn: 'Loading', relatedCodes: ['S-FORKLIFT'] },
      { code: 'S-LINE-OPERATION', nameZh: '流水线作业', nameEn: 'Line work', relatedCodes: [] },
      { code: 'S-HAND-ASSEMBLY', nameZh: '手工组装', nameEn: 'Hand assembly', relatedCodes: [] },
      { code: 'S-PACKING', nameZh: '产品包装', nameEn: 'Packing', relatedCodes: [] },
    ],
    occupations: [
      {
        code: 'C03-001',
        categoryCode: 'C03',
        nameZh: '电子装配工',
        nameEn: 'Electronics assembler',
        skillCodes: ['S-ELEC-ASSEMBLY', 'S-ESD'],
      },
      {
        code: 'C03-003',
        categoryCode: 'C03',
        nameZh: '插件焊锡工',
        nameEn: 'Through-hole solderer',
        skillCodes: ['S-PCB-SOLDERING', 'S-ESD'],
      },
      { code: 'C15-002', categoryCode: 'C15', nameZh: '焊工', nameEn: 'Welder', skillCodes: ['S-ARC-WELDING'] },
      {
        code: 'C11-003',
        categoryCode: 'C11',
        nameZh: '叉车司机',
        nameEn: 'Forklift driver',
        skillCodes: ['S-FORKLIFT', 'S-LOADING'],
        licenceKinds: ['CERT-FORKLIFT'],
      },
      { code: 'C02-001', categoryCode: 'C02', nameZh: '普工', nameEn: 'Line worker', skillCodes: ['S-LINE-OPERATION'] },
      {
        code: 'C14-005',
        categoryCode: 'C14',
        nameZh: '来料加工手工组装工',
        nameEn: 'Hand assembler',
        skillCodes: ['S-HAND-ASSEMBLY', 'S-PACKING'],
      },
    ],
    certificates: [
      {
        code: 'CERT-FORKLIFT',
        nameZh: '特种设备作业人员证（叉车）',
        nameEn: 'Forklift permit',
        occupationCodes: ['C11-003'],
        category: 'operating_licence',
      },
      {
        code: 'CERT-HEALTH',
        nameZh: '健康证明',
        nameEn: 'Health certificate',
        occupationCodes: ['C02-001', 'C14-005'],
        category: 'health',
      },
      {
        code: 'CERT-WELDER',
        nameZh: '特种作业操作证（焊接与热切割）',
        nameEn: 'Welding permit',
        occupationCodes: ['C15-002'],
      },
    ],
    regionNamesEn: Object.entries(NAMES).map(([code, [, nameEn]]) => ({ code, nameEn })),
  },
  {
    regionName: (code) =>
      [4, 6, 9]
        .filter((n) => n <= code.length)
        .map((n) => NAMES[code.slice(0, n)]?.[0] ?? '')
        .join(''),
    regionPoint: (code) => {
      for (const n of [6, 4, 2]) if (POINTS[code.slice(0, n)]) return POINTS[code.slice(0, n)];
      return undefined;
    },
  },
);

export const NOW = new Date('2026-03-15T00:00:00Z');

export function samplePerson(overrides: Partial<PersonProfile> = {}): PersonProfile {
  return {
    id: 'p1',
    regionCode: '350821100201',
    point: { lat: 25.8364, lng: 116.3528 },
    age: 35,
    mobility: 'county',
    skills: [],
    certificates: [],
    desiredOccupations: [],
    expectedWage: null,
    needsAccommodation: false,
    hardToEmploy: false,
    disability: false,
    partnerRegions: [],
    ...overrides,
  };
}

export function sampleJob(overrides: Partial<JobFacts> = {}): JobFacts {
  return {
    id: 'v1',
    employerId: 'e1',
    employerKind: 'company',
    occupationCode: 'C02-001',
    categoryCode: 'C02',
    skillCodes: [],
    preferredSkillCodes: [],
    regionCode: '350821100',
    point: { lat: 25.85, lng: 116.36 },
    wageMin: 4000,
    wageMax: 5000,
    payBasis: 'month',
    contractType: 'labour_contract',
    headcount: 5,
    ageMin: 18,
    ageMax: 55,
    accommodation: false,
    meals: false,
    disabilityFriendly: false,
    publicWelfarePost: false,
    requiredCertificates: [],
    requiredSkillLevels: {},
    trainsForCertificate: false,
    publishedAt: Math.floor(NOW.getTime() / 1000) - 30 * 86_400,
    expiresAt: null,
    ...overrides,
  };
}
