/** States of a background run (an import, a push campaign) and the badge class each is shown with. */
export const RUN_STATUS_CLASS: Record<'pending' | 'running' | 'completed' | 'failed', string> = {
  pending: 'status-paused',
  running: 'status-paused',
  completed: 'status-open',
  failed: 'status-closed',
};

/** Times as the officers read them, in China's time zone whatever the server's. */
export function timeLabel(value: string | null, locale: string): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}
