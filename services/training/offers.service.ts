import type { Notifier } from '../notifications/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { yieldToWeb } from '../platform/background.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { answeredWish, offerReasonText } from './offer-reason.ts';
import { enrolmentView } from './enrolment-view.ts';
import type { CoursesRepository, TrainingCourse } from './courses.repository.ts';
import type { EnrolmentView } from './courses.contract.ts';

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
/** Wishers are read and offered a slice at a time, the web served between slices. */
export const WISHER_SLICE = 1000;

type Wisher = Awaited<ReturnType<CoursesRepository['wishers']>>[number];
type OfferRow = Parameters<CoursesRepository['createOffers']>[0][number];

/** Offers upcoming courses to the people of a region whose training wishes they answer. */
export function createOffersService(deps: {
  repo: CoursesRepository;
  reference: () => Promise<ReferenceNames>;
  notifier: Notifier;
}) {
  const { repo, reference, notifier } = deps;

  /** The offers one slice of wishers gets, and how many they had already. */
  function offersFor(wishers: Wisher[], courses: TrainingCourse[], already: Set<string>, ref: ReferenceNames) {
    const rows: OfferRow[] = [];
    let alreadyOffered = 0;
    for (const person of wishers)
      for (const course of courses) {
        const wish = answeredWish(person, course);
        if (!wish) continue;
        if (already.has(`${course.id}:${person.id}`)) alreadyOffered++;
        else
          rows.push({
            courseId: course.id,
            labourerId: person.id,
            status: 'offered' as const,
            offerWish: wish,
            offerReason: offerReasonText(wish, course, ref, 'zh-CN'),
            offeredAt: new Date(),
          });
      }
    return { rows, alreadyOffered };
  }

  /** Writes one slice's offers with their notices (inbox, and SMS for people without an account). */
  async function store(rows: OfferRow[], actor: SessionUser, requestId?: string) {
    if (!rows.length) return [];
    const users = await repo.usersOf([...new Set(rows.map((r) => r.labourerId))]);
    const stored: Awaited<ReturnType<Notifier['store']>> = [];
    const created = await repo.createOffers(
      rows,
      async (tx, made) => {
        const drafts = made.map((offer) => ({
          userId: users.get(offer.labourerId) ?? null,
          labourerId: offer.labourerId,
          kind: 'training_offer' as const,
          title: translate('zh-CN', 'notifications.kinds.training_offer'),
          body: offer.offerReason ?? '',
          link: '/my-training',
          data: { courseId: offer.courseId, enrolmentId: offer.id },
          dedupeKey: `training_offer:${offer.id}`,
        }));
        stored.push(...(await notifier.store(tx, drafts)));
      },
      { actor, action: 'training.offers.run', entity: 'TrainingCourse', ...(requestId ? { requestId } : {}) },
    );
    await notifier.deliver(stored);
    return created;
  }

  return {
    /** Idempotent: a person offered a course once is not offered it again. */
    async run(actor: SessionUser, regionCode: string | undefined, requestId?: string, locale = 'zh-CN') {
      const scope = scopePrefix(actor);
      const region = regionCode ?? scope;
      if (!region.startsWith(scope))
        throw new ValidationError('The region is not valid', [
          { field: 'regionCode', code: 'out_of_scope', message: 'is outside your region' },
        ]);
      const ref = await reference();
      // Courses are matched by county, so a narrower region still reads its county's courses.
      const courses = await repo.courses(region.slice(0, 6), { startsOn: { gt: today() } });
      const already = new Set(
        (await repo.offered(courses.map((c) => c.id))).map((e) => `${e.courseId}:${e.labourerId}`),
      );
      let considered = 0;
      let alreadyOffered = 0;
      const offers: EnrolmentView[] = [];
      // Every wisher of the region, a slice at a time: no silent cap on how many are read.
      for (let after: string | undefined; courses.length;) {
        const wishers = await repo.wishers(region, WISHER_SLICE, after);
        if (!wishers.length) break;
        considered += wishers.length;
        const slice = offersFor(wishers, courses, already, ref);
        alreadyOffered += slice.alreadyOffered;
        const names = new Map(wishers.map((w) => [w.id, w.name]));
        for (const row of await store(slice.rows, actor, requestId))
          offers.push(enrolmentView(row, names.get(row.labourerId), ref, locale));
        if (wishers.length < WISHER_SLICE) break;
        after = wishers.at(-1)!.id;
        await yieldToWeb();
      }
      return { considered, offered: offers.length, alreadyOffered, offers };
    },
  };
}

export type OffersService = ReturnType<typeof createOffersService>;
