import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { ProviderAccountInput, ProviderInput, ProviderView } from './providers.contract.ts';
import type { AccountData, ProviderRow, ProvidersRepository } from './providers.repository.ts';

const taken = (field: string, message: string) => new ValidationError('Taken', [{ field, code: 'taken', message }]);

/**
 * Training providers with accounts of their own (培训机构账号, issue 19): an officer records a provider
 * of their region and opens its accounts; officers then give it courses, and its accounts see and run
 * only those (course-scope.ts decides that).
 */
export function createProviders(deps: {
  repo: ProvidersRepository;
  reference: () => Promise<ReferenceNames>;
  hashPassword: (password: string) => Promise<string>;
}) {
  const { repo, reference, hashPassword } = deps;

  async function views(rows: ProviderRow[], locale: string): Promise<ProviderView[]> {
    const ref = await reference();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      regionCode: row.regionCode,
      regionName: ref.regionNameIn(row.regionCode, locale),
      contactName: row.contactName,
      contactPhone: row.contactPhone,
      accounts: row.users.map((u) => u.username),
      courses: row._count.courses,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  const account = async (input: ProviderAccountInput, providerName: string): Promise<AccountData> => ({
    username: input.username,
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName ?? providerName.slice(0, 40),
  });

  /** A provider of the officer's region; others' do not exist for them. */
  async function inScope(actor: SessionUser, id: string) {
    const row = await repo.find(id);
    if (!row || !row.regionCode.startsWith(scopePrefix(actor)))
      throw new NotFoundError(`Training provider ${id} does not exist`);
    return row;
  }

  return {
    inScope,

    async list(actor: SessionUser, locale = 'zh-CN') {
      return views(await repo.list(scopePrefix(actor)), locale);
    },

    async create(actor: SessionUser, input: ProviderInput, requestId?: string, locale = 'zh-CN') {
      const ref = await reference();
      if (!ref.isKnownPlace(input.regionCode) || input.regionCode.length < 6)
        throw new ValidationError('The provider is not valid', [
          { field: 'regionCode', code: 'invalid', message: 'is not a known county, township or village' },
        ]);
      if (!input.regionCode.startsWith(scopePrefix(actor)))
        throw new ForbiddenError(`Region ${input.regionCode} is outside your region`, { reason: 'other_region' });
      const created = await repo.create(
        {
          name: input.name,
          kind: input.kind,
          regionCode: input.regionCode,
          contactName: input.contactName,
          contactPhone: input.contactPhone,
          createdById: actor.id,
        },
        input.account ? await account(input.account, input.name) : null,
        {
          actor,
          action: 'training.provider.create',
          entity: 'TrainingProvider',
          ...(requestId ? { requestId } : {}),
          details: { regionCode: input.regionCode, account: input.account?.username ?? null },
        },
      );
      // One of the two unique keys: the name within the region, or the account's username.
      if (!created) {
        const names = await repo.list(input.regionCode);
        throw names.some((p) => p.regionCode === input.regionCode && p.name === input.name)
          ? taken('name', 'is taken by another provider of the region')
          : taken('account.username', 'is taken: choose another');
      }
      return (await views([created], locale))[0]!;
    },

    async addAccount(
      actor: SessionUser,
      providerId: string,
      input: ProviderAccountInput,
      requestId?: string,
      locale = 'zh-CN',
    ) {
      const provider = await inScope(actor, providerId);
      const saved = await repo.addAccount(provider, await account(input, provider.name), {
        actor,
        action: 'training.provider.account',
        entity: 'TrainingProvider',
        entityId: provider.id,
        ...(requestId ? { requestId } : {}),
        details: { username: input.username },
      });
      if (!saved) throw taken('username', 'is taken: choose another');
      return (await views([saved], locale))[0]!;
    },

    /** The provider a training_provider account acts for, as its home page shows it. */
    async own(actor: SessionUser, locale = 'zh-CN') {
      const row = actor.trainingProviderId ? await repo.find(actor.trainingProviderId) : null;
      if (!row) throw new ForbiddenError('This account is not linked to a training provider');
      return (await views([row], locale))[0]!;
    },
  };
}

export type Providers = ReturnType<typeof createProviders>;
