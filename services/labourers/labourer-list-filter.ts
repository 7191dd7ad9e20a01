import { maskIdNumber, maskPhone, normalisePhone, type PiiCipher } from '../platform/crypto/pii.ts';
import { ForbiddenError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { LabourerListQuery } from './labourers.contract.ts';
import type { AuditDetails, LabourerFilter } from './labourers.repository.ts';
import { normaliseSearchTerm } from './name-search.ts';

/* The officer list's filters, keyset cursors and what the export's audit record keeps. */
export function encodeCursor(row: { updatedAt: Date; id: string }): string {
  return Buffer.from(`${row.updatedAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(updatedAt.getTime()))
    throw new ValidationError('The cursor is not one this list gave', [
      { field: 'cursor', code: 'invalid_cursor', message: 'must be a nextCursor from a previous page' },
    ]);
  return { updatedAt, id };
}

/** Filters of the officer list and the export, within the officer's region. */
export function listFilter(
  prefix: string,
  query: Omit<LabourerListQuery, 'page' | 'pageSize'>,
  pii: PiiCipher,
): LabourerFilter {
  const region = query.regionCode && query.regionCode.startsWith(prefix) ? query.regionCode : prefix;
  if (query.regionCode && !query.regionCode.startsWith(prefix) && !prefix.startsWith(query.regionCode)) {
    throw new ForbiddenError(`Region ${query.regionCode} is outside your region ${prefix}`);
  }
  const filter: LabourerFilter = { regionPrefix: region };
  if (query.status) filter.status = query.status;
  if (query.wantsJob !== undefined) filter.wantsJob = query.wantsJob;
  if (query.mobility) filter.mobility = query.mobility;
  if (query.skill) filter.skill = query.skill;
  if (query.ageMin !== undefined || query.ageMax !== undefined) {
    const today = new Date();
    const yearsAgo = (years: number) =>
      new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
    filter.birthDate = {
      ...(query.ageMax !== undefined ? { after: yearsAgo(query.ageMax + 1) } : {}),
      ...(query.ageMin !== undefined ? { onOrBefore: yearsAgo(query.ageMin) } : {}),
    };
  }
  if (query.q) {
    const { text, latin } = normaliseSearchTerm(query.q);
    const search: NonNullable<LabourerFilter['search']> = { name: text };
    if (latin) search.latin = latin;
    const idLike = text.replace(/\s/g, '').toUpperCase();
    // A phone is found by its keyed hash, or by its masked form (139****5678) as lists show it.
    const phone = normalisePhone(text);
    if (phone) search.phoneHash = pii.hash(phone);
    else if (/^1\d{2}\*{4}\d{4}$/.test(idLike)) search.phoneMasked = idLike;
    if (/^\d{17}[\dX]$/.test(idLike)) search.idNumberHash = pii.hash(idLike);
    else if (/^[\dX*]{4,18}$/.test(idLike)) {
      // A masked number (350821********1234) or its last digits.
      const [head, tail] = idLike.includes('*') ? [idLike.split('*')[0]!, idLike.split('*').at(-1)!] : ['', idLike];
      search.idNumberMasked = { head, tail };
    }
    filter.search = search;
  }
  return filter;
}

/** The filters as the audit record keeps them: a searched ID or phone number only masked. */
export function auditedFilters(query: Omit<LabourerListQuery, 'page' | 'pageSize'>): AuditDetails {
  const filters = JSON.parse(JSON.stringify(query)) as Record<string, unknown>;
  if (typeof query.q === 'string') {
    const phone = normalisePhone(query.q);
    const id = query.q.replace(/\s/g, '');
    if (phone) filters.q = maskPhone(phone);
    else if (/^\d{15,17}[\dXx]$/.test(id)) filters.q = maskIdNumber(id);
  }
  return filters as AuditDetails;
}
