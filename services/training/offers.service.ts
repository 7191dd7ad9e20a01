import { isRegisteredPoor } from '../labourers/index.ts';
import type { Notifier } from '../notifications/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { enrolmentView } from './courses.service.ts';
import type { CoursesRepository, TrainingCourse } from './courses.repository.ts';

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

interface Wisher {
  id: string;
  name: string;
  regionCode: string;
  trainingWishes: string[];
  povertyStatus: string;
  povertyYear: number | null;
  erasedAt: Date | null;
}

/**
 * Why a course answers a person's wish, or null: the wish names the course's occupation (or its
 * programme), the course is held in the person's county, has not started, and admits them.
 */
export function offerReason(person: Wisher, course: TrainingCourse, ref: ReferenceNames): string | null {
  if (course.regionCode.slice(0, 6) !== person.regionCode.slice(0, 6)) return null;
  if (course.eligibility === 'registered_poor' && !isRegisteredPoor(person)) return null;
  const wish = person.trainingWishes.find((w) => w === course.occupationCode || w === course.programme);
  if (!wish) return null;
  const wished = course.occupationCode === wish ? (ref.occupation(wish)?.name ?? wish) : course.title;
  const where = `${ref.regionName(course.regionCode)}${course.inVillage ? '（送培训下乡）' : ''}`;
  return `您想参加“${wished}”培训；本课程在${where}${course.place}举办，${dayOf(course.startsOn)} 开课。`;
}

/** Offers upcoming courses to the people of a region whose training wishes they answer. */
export function createOffersService(deps: {
  repo: CoursesRepository;
  reference: () => Promise<ReferenceNames>;
  notifier: Notifier;
}) {
  const { repo, reference, notifier } = deps;
  return {
    /** Idempotent: a person offered a course once is not offered it again. */
    async run(actor: SessionUser, regionCode: string | undefined, requestId?: string) {
      const scope = scopePrefix(actor);
      const region = regionCode ?? scope;
      if (!region.startsWith(scope))
        throw new ValidationError('The region is not valid', [
          { field: 'regionCode', code: 'out_of_scope', message: 'is outside your region' },
        ]);
      const ref = await reference();
      // Courses are matched by county, so a narrower region still reads its county's courses.
      const courses = await repo.courses(region.slice(0, 6), { startsOn: { gt: today() } });
      const wishers = await repo.wishers(region);
      const already = new Set(
        (await repo.offered(courses.map((c) => c.id))).map((e) => `${e.courseId}:${e.labourerId}`),
      );
      const rows: Parameters<CoursesRepository['createOffers']>[0] = [];
      let alreadyOffered = 0;
      for (const person of wishers)
        for (const course of courses) {
          const reason = offerReason(person, course, ref);
          if (!reason) continue;
          if (already.has(`${course.id}:${person.id}`)) alreadyOffered++;
          else
            rows.push({
              courseId: course.id,
              labourerId: person.id,
              status: 'offered' as const,
              offerReason: reason,
              offeredAt: new Date(),
            });
        }
      const users = new Map<string, string | undefined>();
      for (const row of rows)
        if (!users.has(row.labourerId)) users.set(row.labourerId, (await repo.userOf(row.labourerId))?.id);
      const stored: Awaited<ReturnType<Notifier['store']>> = [];
      const created = await repo.createOffers(
        rows,
        async (tx, made) => {
          const drafts = made.map((offer) => ({
            userId: users.get(offer.labourerId) ?? null,
            labourerId: offer.labourerId,
            kind: 'training_offer' as const,
            title: '培训邀请',
            body:
              rows.find((r) => r.courseId === offer.courseId && r.labourerId === offer.labourerId)?.offerReason ?? '',
            link: '/my-training',
            dedupeKey: `training_offer:${offer.id}`,
          }));
          stored.push(...(await notifier.store(tx, drafts)));
        },
        { actor, action: 'training.offers.run', entity: 'TrainingCourse', ...(requestId ? { requestId } : {}) },
      );
      await notifier.deliver(stored);
      const names = new Map(wishers.map((w) => [w.id, w.name]));
      return {
        considered: wishers.length,
        offered: created.length,
        alreadyOffered,
        offers: created.map((row) => enrolmentView(row, names.get(row.labourerId))),
      };
    },
  };
}

export type OffersService = ReturnType<typeof createOffersService>;
