import type { Db } from '../../services/platform/database/prisma.ts';

/** The demo accounts' password (README: demo accounts). */
export const DEMO_PASSWORD = 'WorkBridge-demo-1';

/** One account per demo role, on the first seeded employer and labourer. */
export async function seedDemoAccounts(db: Db, passwordHash: string, employerId: string, labourerId: string) {
  await db.labourer.update({
    where: { id: labourerId },
    data: {
      regionCode: '350821',
      povertyStatus: 'registered',
      wantsJob: true,
      employmentStatus: 'unemployed',
      consentShowEmployer: true,
    },
  });
  await db.user.createMany({
    data: [
      { username: 'admin', passwordHash, role: 'admin', displayName: '系统管理员' },
      {
        username: 'officer.fujian',
        passwordHash,
        role: 'officer',
        displayName: '福建省人社厅就业处',
        regionCode: '35',
      },
      {
        username: 'officer.changting',
        passwordHash,
        role: 'officer',
        displayName: '长汀县就业服务中心',
        regionCode: '350821',
      },
      { username: 'employer.demo', passwordHash, role: 'employer', displayName: '示范企业联系人', employerId },
      {
        username: 'labourer.demo',
        passwordHash,
        role: 'labourer',
        displayName: '示范劳动力',
        labourerId,
        regionCode: '350821',
      },
    ],
  });
}
