import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { Volunteer, VolunteerInput } from './volunteers.contract.ts';
import type { VolunteerRow, VolunteersRepository } from './volunteers.repository.ts';

export interface VolunteersDeps {
  repo: VolunteersRepository;
  hashPassword: (password: string) => Promise<string>;
  now?: () => Date;
}

const view = (row: VolunteerRow): Volunteer => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  regionCode: row.regionCode ?? '',
  active: !row.disabledAt,
  openPairings: row.openPairings,
  createdAt: row.createdAt.toISOString(),
});

/**
 * 就业红娘 volunteers (plan §5(4)): an officer creates a volunteer's account for a region within
 * their own, pairs it with graduates like an officer matchmaker, and may stop it. A volunteer signs
 * in and sees only the graduates paired with it (pairings.service.ts decides that).
 */
export function createVolunteersService({ repo, hashPassword, now = () => new Date() }: VolunteersDeps) {
  async function load(actor: SessionUser, id: string) {
    const row = await repo.find(id);
    if (!row || !(row.regionCode ?? '').startsWith(scopePrefix(actor)))
      throw new NotFoundError(`Volunteer ${id} does not exist`);
    return row;
  }

  return {
    async list(actor: SessionUser): Promise<Volunteer[]> {
      return (await repo.list(scopePrefix(actor))).map(view);
    },

    async create(actor: SessionUser, input: VolunteerInput, requestId?: string): Promise<Volunteer> {
      if (!input.regionCode.startsWith(scopePrefix(actor)))
        throw new ForbiddenError(`Region ${input.regionCode} is outside your region`, { reason: 'other_region' });
      if (!(await repo.regionExists(input.regionCode)))
        throw new ValidationError('No such region', [
          { field: 'regionCode', code: 'unknown_region', message: 'is not a known region' },
        ]);
      const created = await repo.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        regionCode: input.regionCode,
      });
      if (!created)
        throw new ValidationError('The username is taken', [
          { field: 'username', code: 'taken', message: 'is taken: choose another' },
        ]);
      await repo.audit({
        actor,
        action: 'graduate.volunteer.create',
        entity: 'user',
        entityId: created.id,
        requestId,
        details: { regionCode: input.regionCode },
      });
      return view({ ...created, openPairings: 0 });
    },

    /** Stops the account (not while graduates are paired with it: end or move those first) or allows it again. */
    async setActive(actor: SessionUser, id: string, active: boolean, requestId?: string): Promise<Volunteer> {
      const row = await load(actor, id);
      if (!active && row.openPairings > 0)
        throw new ConflictError('The volunteer still has open pairings', { reason: 'has_open_pairings' });
      const saved = await repo.setDisabled(id, active ? null : now());
      await repo.audit({
        actor,
        action: active ? 'graduate.volunteer.enable' : 'graduate.volunteer.disable',
        entity: 'user',
        entityId: id,
        requestId,
      });
      return view({ ...saved, openPairings: row.openPairings });
    },
  };
}

export type VolunteersService = ReturnType<typeof createVolunteersService>;
