import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { ageOn } from '../platform/time/age.ts';
import type { LabourerView } from './labourers.contract.ts';
import type { LabourerRow } from './labourers.repository.ts';

const iso = (d: Date) => d.toISOString();
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** A stored labourer as the API and pages show it (masked ID number and phone, names of codes). */
export function toView(row: LabourerRow, ref: ReferenceNames): LabourerView {
  return {
    id: row.id,
    name: row.name,
    namePinyin: row.namePinyin,
    idNumberMasked: row.idNumberMasked,
    sex: row.sex,
    birthDate: isoDay(row.birthDate)!,
    age: ageOn(row.birthDate),
    phoneMasked: row.phoneMasked,
    regionCode: row.regionCode,
    regionName: ref.regionName(row.regionCode),
    currentRegionCode: row.currentRegionCode,
    currentAddress: row.currentAddress,
    educationLevel: row.educationLevel,
    povertyStatus: row.povertyStatus,
    povertyHouseholdNo: row.povertyHouseholdNo,
    povertyYear: row.povertyYear,
    povertyConfirmedAt: row.povertyConfirmedAt ? iso(row.povertyConfirmedAt) : null,
    povertyConfirmedVia: row.povertyConfirmedVia,
    graduationYear: row.graduationYear,
    disability: row.disability,
    disabilityGrade: row.disabilityGrade,
    hardToEmploy: row.hardToEmploy,
    employmentStatus: row.employmentStatus,
    employmentStatusSince: iso(row.employmentStatusSince),
    wantsJob: row.wantsJob,
    mobility: row.mobility,
    desiredOccupations: row.desiredOccupations,
    expectedWage: row.expectedWage,
    needsAccommodation: row.needsAccommodation,
    availableFrom: isoDay(row.availableFrom),
    trainingWishes: row.trainingWishes,
    pensionInsurance: row.pensionInsurance,
    unemploymentInsurance: row.unemploymentInsurance,
    consentContact: row.consentContact,
    consentShowEmployer: row.consentShowEmployer,
    skills: row.skills.map((s) => ({
      code: s.skillCode,
      name: ref.skillNames([s.skillCode])[0]!,
      level: s.level,
      note: s.note,
    })),
    certificates: row.certificates.map((c) => ({
      id: c.id,
      kind: c.kind,
      name: ref.certificate(c.kind)?.name ?? c.kind,
      level: c.level,
      issuer: c.issuer,
      issuedOn: isoDay(c.issuedOn),
    })),
    workHistory: row.workHistory.map((w) => ({
      id: w.id,
      employerName: w.employerName,
      occupationCode: w.occupationCode,
      regionCode: w.regionCode,
      startedOn: isoDay(w.startedOn)!,
      endedOn: isoDay(w.endedOn),
      note: w.note,
    })),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Where a page ended, opaque to clients: its last row's change time and id. */
