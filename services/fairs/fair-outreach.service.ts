import { scopePrefix } from '../platform/access/scope.ts';
import type { Lang, MatchingApi } from '../matching/index.ts';
import type { NotificationDraft, Notifier } from '../notifications/index.ts';
import { ConflictError, NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { chinaDateTime } from '../platform/time/china-time.ts';
import { FAIR_ALLOWS } from './fair-states.ts';
import type { FairsRepository } from './fairs.repository.ts';
import type { FairsService } from './fairs.service.ts';
import type { RegistrationsService } from './fair-registrations.service.ts';

const DAY_MS = 86_400_000;

type DueReminder = Awaited<ReturnType<FairsRepository['dueReminders']>>[number];

/** The day-before notice of one registration. */
function reminderDraft(r: DueReminder): NotificationDraft {
  return {
    labourerId: r.labourerId,
    userId: r.labourer.user?.id ?? null,
    kind: 'fair_reminder',
    title: `明天参加招聘会：${r.fair.name}`,
    body: `${chinaDateTime(r.fair.startsAt)} ${r.fair.online ? '线上举办' : (r.fair.address ?? '')}。入场码 ${r.code}，请带好身份证。`,
    link: `/fairs/${r.fairId}/ticket`,
    data: { fairId: r.fairId, code: r.code, en: `Reminder: ${r.fair.name} starts soon` },
    dedupeKey: `fair-remind:${r.fairId}:${r.labourerId}`,
  };
}

/**
 * What reaches people: invitations to those whose matches include the fair's vacancies, the
 * reminder the day before, and each attendee's slip of the fair's vacancies ranked for them.
 */
export function createOutreachService(deps: {
  repo: FairsRepository;
  fairs: FairsService;
  registrations: RegistrationsService;
  matching: MatchingApi;
  notifier: Notifier;
  now?: () => Date;
}) {
  const { repo, fairs, matching, notifier } = deps;
  const now = deps.now ?? (() => new Date());

  /** Vacancies of approved employers: what the fair actually offers. */
  async function offered(fairId: string) {
    const approved = (await repo.participations(fairId)).filter((p) => p.status === 'approved');
    const links = await repo.fairVacancies(
      fairId,
      approved.map((p) => p.employerId),
    );
    const booths = new Map(approved.map((p) => [p.employerId, p.booth]));
    return { links, booths };
  }

  return {
    invitationCount: (fairId: string) => repo.countInvitations(fairId),

    async invite(actor: SessionUser, fairId: string, perVacancy: number) {
      const fair = await fairs.managed(actor, fairId);
      if (!FAIR_ALLOWS.invite.includes(fair.status))
        throw new ConflictError('Invitations go out while registration is open', { reason: 'registration_closed' });
      const { links } = await offered(fairId);
      const perJob = await matching.rankPeopleForVacancies(
        links.map((l) => l.vacancyId),
        perVacancy,
      );
      const ranked = new Set(perJob.flatMap((v) => v.labourerIds));
      // Officers reach the people of their own region; for a cooperation fair that is its home region.
      const prefix = scopePrefix(actor);
      const [registered, invited] = await Promise.all([
        repo.registeredLabourerIds(fairId),
        repo.invitedLabourerIds(fairId),
      ]);
      const fresh = [...ranked].filter((id) => !registered.has(id));
      const people = (await repo.peopleAccounts(fresh)).filter((p) => p.regionCode.startsWith(prefix));
      const toInvite = people.filter((p) => !invited.has(p.id));
      const when = chinaDateTime(fair.startsAt);
      const drafts: NotificationDraft[] = toInvite.map((p) => ({
        labourerId: p.id,
        userId: p.user?.id ?? null,
        kind: 'fair_invitation',
        title: `招聘会邀请：${fair.name}`,
        body: `${when} ${fair.online ? '线上举办' : (fair.address ?? '')}，有适合您的岗位，欢迎报名参加。`,
        link: `/fairs/${fair.id}`,
        data: { fairId: fair.id, en: `Invitation to ${fair.name}` },
        dedupeKey: `fair-invite:${fair.id}:${p.id}`,
      }));
      const stored = await repo.transaction(async (tx) => {
        const saved = await notifier.store(tx, drafts);
        const byPerson = new Map(saved.map((s) => [s.labourerId, s.id]));
        await repo.addInvitations(
          tx,
          toInvite.map((p) => ({ fairId: fair.id, labourerId: p.id, notificationId: byPerson.get(p.id) ?? null })),
        );
        return saved;
      });
      await notifier.deliver(stored);
      return { invited: toInvite.length, alreadyInvited: people.length - toInvite.length };
    },

    /** Once per person: a fair_reminder for fairs starting within the next 24 hours. */
    async sendReminders(): Promise<number> {
      const at = now();
      let sent = 0;
      // Batches of at most 1,000; a batch is marked sent in the same transaction as its notices.
      for (;;) {
        const due = await repo.dueReminders(at, new Date(at.getTime() + DAY_MS));
        if (!due.length) return sent;
        const drafts = due.map(reminderDraft);
        const stored = await repo.transaction(async (tx) => {
          const saved = await notifier.store(tx, drafts);
          await repo.markReminded(
            tx,
            due.map((r) => r.id),
            at,
          );
          return saved;
        });
        await notifier.deliver(stored);
        sent += due.length;
      }
    },

    /** The fair's vacancies ranked for one registered person, among themselves only, with reasons. */
    async slip(actor: SessionUser, fairId: string, registrationId: string, lang: Lang) {
      const registration = await deps.registrations.reachable(actor, fairId, registrationId);
      const { links, booths } = await offered(fairId);
      const ranked = await matching.rankVacanciesFor(
        registration.labourerId,
        links.map((l) => l.vacancyId),
        lang,
        now(),
      );
      if (!ranked) throw new NotFoundError('The person is no longer in the registry');
      return {
        registrationId,
        items: ranked.map(({ vacancy: v, score, reasons }, i) => ({
          rank: i + 1,
          vacancyId: v.id,
          title: v.title,
          employerName: v.employerName,
          booth: booths.get(v.employerId) ?? null,
          wageMin: v.wageMin,
          wageMax: v.wageMax,
          payBasis: v.payBasis,
          percent: Math.round(score * 100),
          reasons,
        })),
      };
    },
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;
