/** Query pieces the talent repositories share (plain objects: the Prisma calls stay in the repositories). */

/** A `YYYY-MM-DD` day as the midnight UTC the database keeps. */
export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The lists' filter: the officer's region (or one county in it) and, when given, one year. */
export interface CountyYearFilter {
  prefix: string;
  year?: number | undefined;
  countyCode?: string | undefined;
}

export const countyYearWhere = (where: CountyYearFilter) => ({
  countyCode: where.countyCode ?? { startsWith: where.prefix },
  ...(where.year ? { year: where.year } : {}),
});

/** What the figures and the filled counts need of each recruit. */
export const RECRUIT_FIGURES = { select: { poorFamily: true, recruitedOn: true } } as const;

/** A recruit as both recruit lists store them: the ID number sealed (see `sealIdNumber`), the day as text. */
export interface SealedRecruit {
  name: string;
  idNumberEncrypted: string;
  idNumberHash: string;
  idNumberMasked: string;
  poorFamily: boolean;
  localToCounty: boolean;
  reservedPost: boolean;
  recruitedOn: string;
}
