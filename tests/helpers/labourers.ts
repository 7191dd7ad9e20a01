import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';

let sequence = 100;

/** A valid 18-digit ID number for a person born on the date given, registered in the county given. */
export function makeIdNumber(county = '350821', birth = '19900101', male = true): string {
  sequence = (sequence + 2) % 998;
  const seq = String(sequence + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${county}${birth}${seq}`;
  return first17 + idCheckCharacter(first17);
}

export function buildLabourer(overrides: Record<string, unknown> = {}) {
  return {
    name: '林秀英',
    idNumber: makeIdNumber('350821', '19880315', false),
    phone: '13905971234',
    regionCode: '350821',
    educationLevel: 'junior_secondary',
    skills: [{ code: 'S-ELEC-ASSEMBLY', level: 'skilled' }],
    certificates: [{ kind: 'CERT-HEALTH', issuer: '长汀县卫生健康局', issuedOn: '2023-04-01' }],
    desiredOccupations: ['C03-001'],
    mobility: 'county',
    expectedWage: 4000,
    needsAccommodation: false,
    wantsJob: true,
    employmentStatus: 'unemployed',
    ...overrides,
  };
}
