/** Which model names a caller reaches: at once while a name's owner is known, else after one registry call. */
import type { Principal } from '@modelstream/auth';
import type { AppConfig } from '@modelstream/config';
import { NotFoundError } from '@modelstream/contracts';
import { MlflowApiError, MODEL_OWNER_TAG, type MlflowClient } from '@modelstream/mlflow';
import { ModelAccess } from './model-access';

const caller = (ownerId: string, admin = false): Principal => ({
  ownerId,
  scopes: ['predict'],
  keyId: `k-${ownerId}`,
  keyName: ownerId,
  admin,
});

function accessWith(owners: Record<string, string>, ttlMs = 1000) {
  const calls: string[] = [];
  const registry = {
    getRegisteredModel: async (name: string) => {
      calls.push(name);
      return { name, tags: [{ key: MODEL_OWNER_TAG, value: owners[name] }] };
    },
  };
  return { calls, access: new ModelAccess(registry as unknown as MlflowClient, { INFERENCE_ALIAS_TTL_MS: ttlMs } as AppConfig) };
}

describe('ModelAccess.check', () => {
  it('asks the registry once, then answers at once (no promise) while the owner is known', async () => {
    const { calls, access } = accessWith({ churn: 'ada' });
    const first = access.check('churn', caller('ada'));
    expect(first).toBeInstanceOf(Promise);
    await first;
    expect(access.check('churn', caller('ada'))).toBeUndefined();
    expect(calls).toEqual(['churn']);
  });

  it("refuses another owner's name with a 404, at once or after the registry call alike", async () => {
    const { access } = accessWith({ churn: 'ada' });
    await expect(access.check('churn', caller('bob'))).rejects.toThrow(NotFoundError);
    expect(() => access.check('churn', caller('bob'))).toThrow(NotFoundError);
  });

  it('asks again once the owner is older than the TTL, and never for an admin', async () => {
    const { calls, access } = accessWith({ churn: 'ada' }, 20);
    expect(access.check('churn', caller('root', true))).toBeUndefined();
    await access.check('churn', caller('ada'));
    await new Promise((r) => setTimeout(r, 30));
    expect(access.check('churn', caller('ada'))).toBeInstanceOf(Promise);
    expect(calls).toEqual(['churn', 'churn']);
  });

  it('asks again ahead of the end, answering at once meanwhile; after it, one call for all the checks waiting', async () => {
    const { calls, access } = accessWith({ churn: 'ada' }, 40);
    await access.check('churn', caller('ada'));
    await new Promise((r) => setTimeout(r, 25)); // past half the TTL
    expect(access.check('churn', caller('ada'))).toBeUndefined(); // at once, and its refresh started
    expect(calls).toEqual(['churn', 'churn']);
    await new Promise((r) => setTimeout(r, 50)); // past the refreshed owner's end too
    const waiting = Array.from({ length: 20 }, () => access.check('churn', caller('ada')));
    await Promise.all(waiting);
    expect(calls).toHaveLength(3);
  });

  it('keeps no answer for a name with no model: one registered under it later is guarded at once', async () => {
    const owners: Record<string, string> = {};
    const registry = {
      getRegisteredModel: async (name: string) => {
        if (!owners[name]) throw new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${name} not found`);
        return { name, tags: [{ key: MODEL_OWNER_TAG, value: owners[name] }] };
      },
    };
    const access = new ModelAccess(registry as unknown as MlflowClient, { INFERENCE_ALIAS_TTL_MS: 60_000 } as AppConfig);
    await access.check('churn', caller('bob')); // no such model: left to the route's own lookup
    owners.churn = 'ada';
    await expect(access.check('churn', caller('bob'))).rejects.toThrow(NotFoundError);
  });
});
