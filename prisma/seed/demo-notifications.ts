import { renderSms } from '../../services/notifications/sms-templates.ts';
import type { NotificationKind } from '../../services/platform/database/generated/enums.ts';
import type { ModuleSeeder } from './demo-modules.ts';

const HOUR = 3_600_000;

/**
 * A lived-in inbox for the demo accounts (some read, some not) and a few text messages in the
 * SMS record, as the development provider leaves them.
 */
export const seedNotificationsDemo: ModuleSeeder = async (db, context) => {
  const labourerUser = await db.user.findUnique({ where: { username: 'labourer.demo' } });
  const employerUser = await db.user.findUnique({ where: { username: 'employer.demo' } });
  if (!labourerUser?.labourerId || !employerUser) return;
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);

  const forLabourer: Array<{
    kind: NotificationKind;
    title: string;
    body: string;
    link: string;
    hoursAgo: number;
    read: boolean;
  }> = [
    {
      kind: 'officer_broadcast',
      title: '春风行动专场招聘会',
      body: '长汀县人力资源市场本周六上午举办春风行动专场招聘会，60余家企业提供岗位，欢迎参加。',
      link: '/fairs',
      hoursAgo: 72,
      read: true,
    },
    {
      kind: 'matched_job',
      title: '为您推荐了3个岗位',
      body: '根据您的求职意向，为您推荐了电子厂普工等3个岗位，点开查看。',
      link: '/jobs',
      hoursAgo: 30,
      read: true,
    },
    {
      kind: 'fair_reminder',
      title: '明天上午9点招聘会',
      body: '您报名的春风行动专场招聘会明天上午9点开始，地点：长汀县人力资源市场。',
      link: '/fairs',
      hoursAgo: 20,
      read: false,
    },
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
      {
        userId: employerUser.id,
        kind: 'fair_invitation',
        title: '邀请参加春风行动专场招聘会',
        body: '长汀县就业服务中心邀请贵单位参加本周六的春风行动专场招聘会。',
        link: '/fairs',
        createdAt: at(26),
      },
    ],
  });

  const people = await db.labourer.findMany({
    where: { id: { in: context.labourerIds.slice(0, 12) }, phoneEncrypted: { not: null } },
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
        body: renderSms(kind, forLabourer.find((n) => n.kind === kind)!.title, '详情请登录就业桥查看。', '就业桥'),
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
  context.log(`demo: ${forLabourer.length + 2} notices, ${people.length} recorded SMS`);
};
