import { renderSms } from '../../services/notifications/index.ts';
import type { NotificationKind } from '../../services/platform/database/generated/enums.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import type { ModuleSeeder } from './demo-modules.ts';

const HOUR = 3_600_000;

/** "12月14日（周一）" in China time. */
function dayText(date: Date): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}月${part('day')}日（${part('weekday')}）`;
}

/** A few text messages in the SMS record, as the development provider leaves them. */
async function seedSmsRecord(
  db: Db,
  labourerIds: string[],
  at: (hoursAgo: number) => Date,
  forLabourer: Array<{ kind: NotificationKind; title: string }>,
) {
  const people = await db.labourer.findMany({
    where: { id: { in: labourerIds.slice(0, 12) }, phoneEncrypted: { not: null } },
    select: { id: true, phoneEncrypted: true, phoneMasked: true },
    take: 6,
  });
  const kinds: NotificationKind[] = ['officer_broadcast', 'fair_reminder', 'matched_job'];
  await db.smsMessage.createMany({
    data: people.map((person, i) => {
      const kind = kinds[i % kinds.length]!;
      const created = at(40 - i * 5);
      return {
        labourerId: person.id,
        phoneEncrypted: person.phoneEncrypted!,
        phoneMasked: person.phoneMasked!,
        template: kind,
        body: renderSms(
          kind,
          (forLabourer.find((n) => n.kind === kind) ?? forLabourer[0]!).title,
          '详情请登录就业桥查看。',
          '就业桥',
        ),
        provider: 'development',
        status: 'sent' as const,
        sendAfter: created,
        attempts: 1,
        sentAt: created,
        providerId: `dev-demo-${i + 1}`,
        createdAt: created,
      };
    }),
  });
  return people.length;
}

/**
 * A lived-in inbox for the demo accounts (some read, some not) and a few text messages in the
 * SMS record, as the development provider leaves them. The fair notices name the demo's coming
 * fairs (seeded before this) with their real dates, so they stay true whatever day the demo is built.
 */
export const seedNotificationsDemo: ModuleSeeder = async (db, context) => {
  const labourerUser = await db.user.findUnique({ where: { username: 'labourer.demo' } });
  const employerUser = await db.user.findUnique({ where: { username: 'employer.demo' } });
  if (!labourerUser?.labourerId || !employerUser) return;
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const coming = { startsAt: { gt: new Date(now) }, status: { in: ['planned' as const, 'registration' as const] } };
  const registered = await db.fairRegistration.findFirst({
    where: { labourerId: labourerUser.labourerId, fair: coming },
    include: { fair: true },
    orderBy: { fair: { startsAt: 'asc' } },
  });
  const assistance = registered?.fair;
  const invitation = await db.fair.findFirst({
    where: { ...coming, employers: { none: { employerId: employerUser.employerId ?? '' } } },
    orderBy: { startsAt: 'asc' },
  });

  const forLabourer: Array<{
    kind: NotificationKind;
    title: string;
    body: string;
    link: string;
    hoursAgo: number;
    read: boolean;
  }> = [
    ...(assistance
      ? [
          {
            kind: 'officer_broadcast' as const,
            title: `${dayText(assistance.startsAt)}专场招聘会开始报名`,
            body: `${assistance.name}定于${dayText(assistance.startsAt)}上午9点在${assistance.address ?? '线上'}举办，援助对象免费参加，欢迎报名。`,
            link: `/fairs/${assistance.id}`,
            hoursAgo: 72,
            read: true,
          },
        ]
      : []),
    {
      kind: 'matched_job',
      title: '为您推荐了3个岗位',
      body: '根据您的求职意向，为您推荐了电子厂普工等3个岗位，点开查看。',
      link: '/jobs',
      hoursAgo: 30,
      read: true,
    },
    ...(assistance
      ? [
          {
            kind: 'fair_reminder' as const,
            title: `您报名的招聘会${dayText(assistance.startsAt)}举办`,
            body: `您已报名${assistance.name}，${dayText(assistance.startsAt)}上午9点开始，地点：${assistance.address ?? '线上'}。请带好身份证，入场时出示入场券。`,
            link: `/fairs/${assistance.id}/ticket`,
            hoursAgo: 20,
            read: false,
          },
        ]
      : []),
    {
      kind: 'matched_job',
      title: '新的推荐岗位：竹编工艺工',
      body: '长汀县涂坊镇竹编扶贫车间招聘竹编工艺工，月收入2600–3800元，离家近。',
      link: '/jobs',
      hoursAgo: 3,
      read: false,
    },
  ];
  await db.notification.createMany({
    data: forLabourer.map((n) => ({
      labourerId: labourerUser.labourerId,
      userId: labourerUser.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: at(n.hoursAgo),
      readAt: n.read ? at(n.hoursAgo - 1) : null,
    })),
  });
  await db.notification.createMany({
    data: [
      {
        userId: employerUser.id,
        kind: 'officer_broadcast',
        title: '吸纳就业补贴申报提醒',
        body: '吸纳建档立卡贫困劳动力就业的单位，可在本月底前申报吸纳就业补贴。',
        link: '/',
        createdAt: at(48),
        readAt: at(47),
      },
      ...(invitation
        ? [
            {
              userId: employerUser.id,
              kind: 'fair_invitation' as const,
              title: `邀请参加${invitation.name}`,
              body: `${invitation.organiser}邀请贵单位参加${dayText(invitation.startsAt)}举办的${invitation.name}。`,
              link: `/fairs/${invitation.id}`,
              createdAt: at(26),
            },
          ]
        : []),
    ],
  });

  const sms = await seedSmsRecord(db, context.labourerIds, at, forLabourer);
  context.log(`demo: ${forLabourer.length + (invitation ? 2 : 1)} notices, ${sms} recorded SMS`);
};
