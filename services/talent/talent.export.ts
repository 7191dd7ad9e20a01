import type { Column, Table } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CampaignRecruitView, CampaignView } from './campaign.contract.ts';
import type { EntryView, RecruitView } from './catalogue.contract.ts';
import type { LinkedCountyView } from './linked.contract.ts';
import type { ParticipantView } from './sanzhiyifu.contract.ts';

const today = () => new Date().toISOString().slice(0, 10);

function table<T>(
  locale: string,
  name: string,
  columns: Array<[string, (row: T) => string | number | null]>,
  rows: T[],
): Table<T> {
  const t = (key: string) => translate(locale, key);
  return {
    fileName: `${t(`talent.files.${name}`)}-${today()}`,
    sheetName: t(`talent.files.${name}`),
    columns: columns.map(([field, value]): Column<T> => ({ header: t(`talent.fields.${field}`), value, width: 16 })),
    rows,
  };
}

interface PlanRow {
  year: number;
  targetTotal: number;
  targetKeyCounty: number;
  posts: number;
  note: string | null;
}
interface PostRow {
  year: number;
  countyName: string;
  keyCounty: boolean;
  kind: string;
  title: string;
  count: number;
  placed: number;
}

/** Every list of the talent pages as a download, headed in the reader's language. */
export const talentTables = {
  plans: (locale: string, rows: PlanRow[]) =>
    table<PlanRow>(
      locale,
      'plans',
      [
        ['year', (r) => r.year],
        ['targetTotal', (r) => r.targetTotal],
        ['targetKeyCounty', (r) => r.targetKeyCounty],
        ['posts', (r) => r.posts],
        ['note', (r) => r.note],
      ],
      rows,
    ),
  posts: (locale: string, rows: PostRow[]) =>
    table<PostRow>(
      locale,
      'posts',
      [
        ['year', (r) => r.year],
        ['countyCode', (r) => r.countyName],
        ['keyCounty', (r) => translate(locale, r.keyCounty ? 'talent.yes' : 'talent.no')],
        ['kind', (r) => translate(locale, `talent.kinds.${r.kind}`)],
        ['title', (r) => r.title],
        ['count', (r) => r.count],
        ['placed', (r) => r.placed],
      ],
      rows,
    ),
  participants: (locale: string, rows: ParticipantView[]) =>
    table<ParticipantView>(
      locale,
      'participants',
      [
        ['year', (r) => r.year],
        ['name', (r) => r.name],
        ['idNumber', (r) => r.idNumberMasked],
        ['school', (r) => r.school],
        ['homeRegionCode', (r) => r.homeRegionCode],
        ['state', (r) => translate(locale, `talent.states.${r.state}`)],
        ['stateOn', (r) => r.stateOn],
        ['postId', (r) => r.postTitle],
        ['countyCode', (r) => r.countyCode],
        ['outcome', (r) => (r.outcome ? translate(locale, `talent.outcomes.${r.outcome}`) : null)],
        ['trainings', (r) => r.trainings],
      ],
      rows,
    ),
  entries: (locale: string, rows: EntryView[]) =>
    table<EntryView>(
      locale,
      'entries',
      [
        ['year', (r) => r.year],
        ['countyCode', (r) => r.countyName],
        ['field', (r) => r.field],
        ['level', (r) => translate(locale, `talent.levels.${r.level}`)],
        ['posts', (r) => r.posts],
        ['filled', (r) => r.filled],
        ['reservedPoor', (r) => r.reservedPoor],
        ['reservedFilled', (r) => r.reservedFilled],
        ['allowancePerMonth', (r) => r.allowancePerMonth],
        ['campaign', (r) => r.campaign],
      ],
      rows,
    ),
  recruits: (locale: string, rows: RecruitView[]) =>
    table<RecruitView>(
      locale,
      'recruits',
      [
        ['recruitedOn', (r) => r.recruitedOn],
        ['countyCode', (r) => r.countyCode],
        ['field', (r) => r.field],
        ['name', (r) => r.maskedName],
        ['idNumber', (r) => r.idNumberMasked],
        ['institution', (r) => r.institution],
        ['poorFamily', (r) => translate(locale, r.poorFamily ? 'talent.yes' : 'talent.no')],
        ['localToCounty', (r) => translate(locale, r.localToCounty ? 'talent.yes' : 'talent.no')],
        ['reservedPost', (r) => translate(locale, r.reservedPost ? 'talent.yes' : 'talent.no')],
        ['allowancePerMonth', (r) => r.allowancePerMonth],
      ],
      rows,
    ),
  campaigns: (locale: string, rows: CampaignView[]) =>
    table<CampaignView>(
      locale,
      'campaigns',
      [
        ['year', (r) => r.year],
        ['countyCode', (r) => r.countyName],
        ['institution', (r) => r.institution],
        ['title', (r) => r.title],
        ['posts', (r) => r.posts],
        ['filled', (r) => r.filled],
        ['reservedPoor', (r) => r.reservedPoor],
        ['reservedFilled', (r) => r.reservedFilled],
      ],
      rows,
    ),
  campaignRecruits: (locale: string, rows: CampaignRecruitView[]) =>
    table<CampaignRecruitView>(
      locale,
      'campaignRecruits',
      [
        ['recruitedOn', (r) => r.recruitedOn],
        ['countyCode', (r) => r.countyCode],
        ['institution', (r) => r.institution],
        ['title', (r) => r.campaignTitle],
        ['post', (r) => r.post],
        ['name', (r) => r.maskedName],
        ['idNumber', (r) => r.idNumberMasked],
        ['poorFamily', (r) => translate(locale, r.poorFamily ? 'talent.yes' : 'talent.no')],
        ['localToCounty', (r) => translate(locale, r.localToCounty ? 'talent.yes' : 'talent.no')],
        ['reservedPost', (r) => translate(locale, r.reservedPost ? 'talent.yes' : 'talent.no')],
      ],
      rows,
    ),
  linked: (locale: string, rows: LinkedCountyView[]) => {
    type Line = { county: string; kind: string; date: string; title: string; detail: string; state: string };
    const lines: Line[] = rows.flatMap((c) => [
      ...c.meetings.flatMap((m) => [
        {
          county: c.countyName,
          kind: translate(locale, 'talent.linked.meeting'),
          date: m.heldOn,
          title: m.decisions,
          detail: '',
          state: '',
        },
        ...m.items.map((i) => ({
          county: c.countyName,
          kind: translate(locale, 'talent.linked.item'),
          date: i.dueOn,
          title: i.title,
          detail: i.owner,
          state: `${translate(locale, `talent.itemStates.${i.state}`)} ${i.doneOn ?? ''}`.trim(),
        })),
      ]),
      ...c.projects.map((p) => ({
        county: c.countyName,
        kind: translate(locale, 'talent.linked.project'),
        date: p.updates[0]?.on ?? '',
        title: p.title,
        detail: p.notes ?? '',
        state: `${p.percent}%`,
      })),
      ...c.pairings.map((p) => ({
        county: c.countyName,
        kind: translate(locale, 'talent.linked.pairing'),
        date: p.givenOn,
        title: `${p.branch} — ${p.student}`,
        detail: p.support,
        state: String(p.amount),
      })),
    ]);
    return table<Line>(
      locale,
      'linked',
      [
        ['countyCode', (r) => r.county],
        ['kind', (r) => r.kind],
        ['date', (r) => r.date],
        ['title', (r) => r.title],
        ['detail', (r) => r.detail],
        ['state', (r) => r.state],
      ],
      lines,
    );
  },
};
