import type { NotificationKind } from './notifier.ts';

/** What each kind of notice is called at the head of a text message. */
const LABELS: Record<NotificationKind, string> = {
  matched_job: '岗位推荐',
  application_status: '报名进度',
  interview_invitation: '面试通知',
  fair_invitation: '招聘会邀请',
  fair_reminder: '招聘会提醒',
  transfer_departure: '出行通知',
  officer_broadcast: '通知',
  follow_up_due: '回访提醒',
  report_filing: '报告报送',
  training_offer: '培训邀请',
  insurance_case: '社保经办',
};

// One SMS segment holds 70 Chinese characters; longer ones are billed as several.
const MAX_CHARS = 70;

/** 【就业桥】面试通知：标题。正文… 回T退订 — short, one segment where possible. */
export function renderSms(kind: NotificationKind, title: string, body: string, signature: string): string {
  // A title that already names its kind ("面试通知：…") is not labelled twice.
  const head = title.startsWith(LABELS[kind])
    ? `【${signature}】${title}`
    : `【${signature}】${LABELS[kind]}：${title}`;
  const tail = '回T退订';
  const room = MAX_CHARS - head.length - tail.length - 2;
  const text = body.replace(/\s+/g, ' ').trim();
  const shown = room <= 1 ? '' : text.length > room ? `${text.slice(0, room - 1)}…` : text;
  return `${head}${shown ? `。${shown}` : ''} ${tail}`;
}
