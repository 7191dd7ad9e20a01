import type { FastifyBaseLogger } from 'fastify';
import { chinaDateTime } from '../platform/time/china-time.ts';
import type { ApplicationStatus } from '../platform/database/generated/enums.ts';
import { maskName } from '../platform/crypto/pii.ts';
import type { ApplicationForNotice, NotificationsRepository } from './notifications.repository.ts';
import type { NotificationDraft, Notifier } from './notifier.ts';

type ActorRole = 'labourer' | 'employer' | 'officer' | 'admin';

/** Tells people when an application moves: the person when the employer acts, the employer when the person does. */
export interface ApplicationNotices {
  /** After an application was created (`invited` when an employer invited the person). */
  created(applicationId: string, by: ActorRole): Promise<void>;
  /** After a step from one status to another. */
  moved(applicationId: string, to: ApplicationStatus, by: ActorRole): Promise<void>;
}

/** What the person reads, by the step the employer (or an officer) took. */
function toPerson(a: ApplicationForNotice, to: ApplicationStatus): Omit<NotificationDraft, 'labourerId'> | null {
  const job = `「${a.vacancy.title}」`;
  const employer = a.vacancy.employer.name;
  switch (to) {
    case 'invited':
      return {
        kind: 'application_status',
        title: `${employer}邀请您报名${job}`,
        body: `${employer}看了您的求职信息，邀请您报名${job}。请在“我的报名”里接受或谢绝。`,
        link: '/applications',
      };
    case 'interview':
      return {
        kind: 'interview_invitation',
        title: `面试通知：${a.vacancy.title}`,
        body: `${employer}请您于 ${chinaDateTime(a.interviewAt)} 到 ${a.interviewPlace ?? ''} 面试，请带好身份证。`,
        link: '/applications',
      };
    case 'offered':
      return {
        kind: 'application_status',
        title: `${employer}拟录用您`,
        body: `您报名的${job}已通过，${a.offeredWage ? `月薪 ${a.offeredWage} 元，` : ''}请留意单位的联系。`,
        link: '/applications',
      };
    case 'hired':
      return {
        kind: 'application_status',
        title: `您已被录用：${a.vacancy.title}`,
        body: `恭喜！${employer}已录用您，请按约定时间到岗。`,
        link: '/applications',
      };
    case 'rejected':
      return {
        kind: 'application_status',
        title: `${job}未被录用`,
        body: `感谢您报名${job}。可以看看为您推荐的其他岗位。`,
        link: '/jobs',
      };
    default:
      return null;
  }
}

/** What the employer's accounts read, by the step the person (or an officer for them) took. */
function toEmployer(a: ApplicationForNotice, to: ApplicationStatus): Omit<NotificationDraft, 'userId'> | null {
  const who = maskName(a.labourer.name);
  const link = `/employer/vacancies/${a.vacancyId}/applicants#application-${a.id}`;
  if (to === 'applied')
    return { kind: 'application_status', title: `新报名：${a.vacancy.title}`, body: `${who}报名了您的岗位。`, link };
  if (to === 'withdrawn')
    return { kind: 'application_status', title: `撤回报名：${a.vacancy.title}`, body: `${who}撤回了报名。`, link };
  return null;
}

/**
 * Application notices through the notifier. A failure is logged, never thrown: the application
 * step has happened whether or not anyone was told.
 */
export function createApplicationNotices(
  repo: NotificationsRepository,
  notifier: Notifier,
  log: FastifyBaseLogger,
): ApplicationNotices {
  async function send(applicationId: string, step: ApplicationStatus | null, by: ActorRole) {
    try {
      const a = await repo.applicationForNotice(applicationId);
      if (!a) return;
      const to = step ?? a.status;
      const drafts: NotificationDraft[] = [];
      if (by !== 'labourer') {
        const notice = toPerson(a, to);
        if (notice) drafts.push({ ...notice, labourerId: a.labourerId });
      }
      if (by !== 'employer') {
        const notice = toEmployer(a, to);
        if (notice) {
          const accounts = await repo.employerAccounts(a.vacancy.employerId);
          drafts.push(...accounts.map((u) => ({ ...notice, userId: u.id })));
        }
      }
      if (drafts.length) await notifier.notify(drafts);
    } catch (error) {
      log.error({ err: error, applicationId, step }, 'application notice failed');
    }
  }
  return {
    created: (id, by) => send(id, null, by),
    moved: (id, to, by) => send(id, to, by),
  };
}
