import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { AgreementView, BatchView } from './cooperation-schemas.contract.ts';
import type { Progress } from './progress.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Progress of agreements against their targets (no personal data). */
export function progressTable(
  locale: string,
  rows: Array<AgreementView & { progress: Progress }>,
): Table<(typeof rows)[number]> {
  const t = (key: string) => translate(locale, `cooperation.${key}`);
  const measure = (
    key: 'fairs' | 'transfers' | 'householdPlacements' | 'trainings',
  ): Column<(typeof rows)[number]>[] => [
    { header: `${t(`progress.${key}`)} ${t('progress.actual')}`, value: (r) => r.progress[key].actual },
    { header: `${t(`progress.${key}`)} ${t('progress.target')}`, value: (r) => r.progress[key].target },
  ];
  const retention = (i: 0 | 1): Column<(typeof rows)[number]>[] => {
    const label = t(`progress.month${i === 0 ? 3 : 6}`);
    return [
      { header: `${label} ${t('progress.inWork')}`, value: (r) => r.progress.retention[i].inWork },
      { header: `${label} ${t('progress.returnedHome')}`, value: (r) => r.progress.retention[i].returnedHome },
      { header: `${label} ${t('progress.unrecorded')}`, value: (r) => r.progress.retention[i].unrecorded },
    ];
  };
  return {
    fileName: `${t('exportProgressFile')}-${today()}`,
    sheetName: t('title'),
    columns: [
      { header: t('fields.year'), value: (r) => r.year },
      { header: t('fields.title'), value: (r) => r.title, width: 30 },
      { header: t('fields.homeRegionCode'), value: (r) => r.homeRegionName, width: 16 },
      { header: t('fields.partnerRegionCode'), value: (r) => r.partnerRegionName, width: 16 },
      ...measure('fairs'),
      ...measure('transfers'),
      ...measure('householdPlacements'),
      ...measure('trainings'),
      ...retention(0),
      ...retention(1),
    ],
    rows,
  };
}

type MemberRow = BatchView['members'][number] & { batch: BatchView };

/** Transferred people with their follow-ups (personal data: the caller audits the export). */
export function transfersTable(locale: string, batches: BatchView[]): Table<MemberRow> {
  const t = (key: string) => translate(locale, `cooperation.${key}`);
  const state = (m: MemberRow, month: number) => {
    const f = m.followUps.find((x) => x.month === month);
    if (!f) return '';
    const text = f.state ? t(`followUpState.${f.state}`) : t('followUpState.none');
    return f.reason ? `${text}（${f.reason}）` : text;
  };
  return {
    fileName: `${t('exportTransfersFile')}-${today()}`,
    sheetName: t('batches.title'),
    columns: [
      { header: t('batches.departureDate'), value: (m) => m.batch.departureDate },
      { header: t('batches.from'), value: (m) => m.batch.fromRegionName, width: 16 },
      { header: t('batches.to'), value: (m) => m.batch.toRegionName, width: 16 },
      { header: t('members.name'), value: (m) => m.name },
      { header: t('members.idNumber'), value: (m) => m.idNumberMasked, width: 20 },
      { header: t('members.employer'), value: (m) => m.employerName, width: 28 },
      { header: t('members.arrivedOn'), value: (m) => m.arrivedAt?.slice(0, 10) ?? m.noShowReason ?? '' },
      { header: t('progress.month1'), value: (m) => state(m, 1), width: 16 },
      { header: t('progress.month3'), value: (m) => state(m, 3), width: 16 },
      { header: t('progress.month6'), value: (m) => state(m, 6), width: 16 },
    ],
    rows: batches.flatMap((batch) => batch.members.map((m) => ({ ...m, batch }))),
  };
}
