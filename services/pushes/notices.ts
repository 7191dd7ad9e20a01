import type { NotificationDraft } from '../notifications/index.ts';
import type { PayBasis } from '../platform/database/generated/enums.ts';

export interface PushedJob {
  id: string;
  title: string;
  wageMin: number;
  wageMax: number;
  payBasis: PayBasis;
  regionName: string;
  employerName: string;
}

const PER: Record<PayBasis, string> = { month: '元/月', day: '元/天', piece: '元/月（计件）' };

export function wageText(job: Pick<PushedJob, 'wageMin' | 'wageMax' | 'payBasis'>): string {
  const range = job.wageMin === job.wageMax ? `${job.wageMin}` : `${job.wageMin}-${job.wageMax}`;
  return `${range}${PER[job.payBasis]}`;
}

/** The notice of one pushed job, in Chinese; idempotent by person and vacancy. */
export function pushNotice(
  push: { labourerId: string; userId: string | null; score: number; campaignId: string },
  job: PushedJob,
): NotificationDraft {
  return {
    labourerId: push.labourerId,
    userId: push.userId,
    kind: 'matched_job',
    title: `为您推荐岗位：${job.title}`,
    body: `${job.employerName}招聘${job.title}，工资${wageText(job)}，工作地点${job.regionName}。点开查看详情，合适就报名。`,
    link: `/jobs/${job.id}`,
    data: { vacancyId: job.id, campaignId: push.campaignId, score: Math.round(push.score * 1000) / 1000 },
    dedupeKey: `push:${push.labourerId}:${job.id}`,
  };
}
