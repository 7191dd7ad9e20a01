import type { NotificationDraft } from '../notifications/index.ts';
import { translate } from '../platform/i18n/i18n.ts';

/**
 * The notice an officer gets when a case is given to them: kind, state and who gave it, no personal
 * data (the link opens the case, where the officer's scope is checked again).
 */
export function reassignedNotice(c: {
  caseId: string;
  stepId: bigint;
  kind: string;
  state: string;
  to: string;
  by: string;
  note: string;
}): NotificationDraft {
  const [kindZh, stateZh] = [
    translate('zh-CN', `insurance.kinds.${c.kind}`),
    translate('zh-CN', `insurance.states.${c.state}`),
  ];
  const [kindEn, stateEn] = [
    translate('en', `insurance.kinds.${c.kind}`),
    translate('en', `insurance.states.${c.state}`),
  ];
  return {
    userId: c.to,
    kind: 'insurance_case',
    title: '社保经办个案已改派给您',
    body: `${c.by}将一件${kindZh}个案（当前：${stateZh}）改派给您经办${c.note ? `：${c.note}` : '。'}`,
    link: `/insurance/cases/${c.caseId}`,
    data: {
      en: `${c.by} gave you a ${kindEn} case (now: ${stateEn})${c.note ? `: ${c.note}` : '.'}`,
      caseId: c.caseId,
    },
    dedupeKey: `insurance_case_assigned:${c.caseId}:${c.stepId}`,
  };
}
