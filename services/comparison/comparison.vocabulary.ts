/**
 * The words other systems use for a person's state, mapped to the registry's terms. Negative
 * words are tested first: 未就业 contains 就业, 未参保 contains 参保, 未脱贫 contains 脱贫.
 */
const compact = (text: string) => text.replace(/\s+/g, '');

export type ExternalEmployment = 'employed' | 'unemployed' | 'terminated';

const UNEMPLOYED = /未就业|失业|待业|无业|未务工|无工作|^否$|^无$/;
const TERMINATED = /注销|终止|解除|离职|退工|停止|失效|无效|已退出/;
const EMPLOYED = /就业|在岗|在职|务工|创业|灵活|公益性?岗位|有效|正常|^是$|已登记/;

/** 已就业 / 在岗 / 有效 → employed; 失业 / 未就业 → unemployed; 注销 / 终止 / 离职 → terminated. */
export function classifyEmployment(text: string): ExternalEmployment | undefined {
  const value = compact(text);
  if (!value) return undefined;
  if (UNEMPLOYED.test(value)) return 'unemployed';
  if (TERMINATED.test(value)) return 'terminated';
  if (EMPLOYED.test(value)) return 'employed';
  return undefined;
}

export type ExternalPension = 'enrolled' | 'not_enrolled';

const NOT_ENROLLED = /未参保|未参加|未缴费|暂停|中断|终止|注销|停保|退保|断缴|^否$|^无$/;
// Receiving the pension (领取待遇) counts: most people past 60 on the resident scheme are drawing it.
const ENROLLED = /参保|参加|缴费|正常|在保|有效|领取|待遇|^是$|^已|城乡居民|职工|企业|机关/;

/** Reads a pension or insurance-status cell: 已参保 / 正常缴费 / 待遇领取 → enrolled; 暂停 / 未参保 → not. */
export function classifyPension(text: string): ExternalPension | undefined {
  const value = compact(text);
  if (!value) return undefined;
  if (NOT_ENROLLED.test(value)) return 'not_enrolled';
  if (ENROLLED.test(value)) return 'enrolled';
  return undefined;
}

export function isPensionInsurance(insuranceType: string): boolean {
  return compact(insuranceType).includes('养老');
}

export type ExternalPoverty = 'registered' | 'lifted_out';

/** 已脱贫 / 稳定脱贫 / 脱贫户 → lifted_out; 未脱贫 / 贫困户 → registered (a 是否脱贫 column reads 是 / 否). */
export function classifyPoverty(text: string): ExternalPoverty | undefined {
  const value = compact(text);
  if (!value) return undefined;
  if (/未脱贫|未退出|^否$/.test(value)) return 'registered';
  if (/脱贫|退出|出列|^是$/.test(value)) return 'lifted_out';
  if (/贫困|在档|建档立卡/.test(value)) return 'registered';
  return undefined;
}

/** Registry statuses counted as working, not working, or neither (training says nothing either way). */
export type WorkState = 'working' | 'not_working' | 'neutral';

export function registryWorkState(status: string): WorkState {
  switch (status) {
    case 'unemployed':
    case 'not_in_labour_force':
      return 'not_working';
    case 'in_training':
      return 'neutral';
    default:
      return 'working';
  }
}

/** 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 20240501, an Excel serial day or a Date → 2024-05-01. */
export function isoDay(value: string | Date | undefined): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = compact(value ?? '');
  const pad = (n: string) => n.padStart(2, '0');
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  if (parts) return `${parts[1]}-${pad(parts[2]!)}-${pad(parts[3]!)}`;
  const packed = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (packed) return `${packed[1]}-${packed[2]}-${packed[3]}`;
  if (/^\d{5}$/.test(text)) {
    const serial = Number(text);
    if (serial > 20_000 && serial < 80_000)
      return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return undefined;
}
