import type { TrainingRecord } from './training.repository.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { TrainingView } from './training.contract.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function trainingView(row: TrainingRecord, ref: ReferenceNames): TrainingView {
  return {
    id: row.id,
    labourerId: row.labourerId,
    course: row.course,
    occupationCode: row.occupationCode,
    occupationName: row.occupationCode ? (ref.occupation(row.occupationCode)?.name ?? row.occupationCode) : null,
    provider: row.provider,
    startedOn: day(row.startedOn)!,
    endedOn: day(row.endedOn),
    hours: row.hours,
    passed: row.passed,
    certificateKind: row.certificateKind,
    certificateName: row.certificateKind ? (ref.certificate(row.certificateKind)?.name ?? row.certificateKind) : null,
    agreementId: row.agreementId,
    createdAt: row.createdAt.toISOString(),
  };
}
