import { DependencyUnavailableError, modelRef, NotFoundError } from '@modelstream/contracts';
import type { AppConfig } from '@modelstream/config';
import { MlflowApiError, type MlflowClient, type MlflowModelVersion } from '@modelstream/mlflow';
import { ModelResolver } from './model-resolver';

/** An in-memory registry that answers like MLflow's REST API does (including its 400 for a missing alias). */
class FakeRegistry {
  calls: string[] = [];
  versions = new Map<string, MlflowModelVersion>();
  aliases = new Map<string, string>();

  add(name: string, version: string, status: MlflowModelVersion['status'] = 'READY'): void {
    this.versions.set(`${name}/${version}`, { name, version, status, source: `mlflow-artifacts:/x/${name}/${version}/model` });
  }
  async getRegisteredModel(name: string) {
    this.calls.push(`model ${name}`);
    if (![...this.versions.values()].some((v) => v.name === name)) throw new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'no model');
    return { name };
  }
  async getModelVersion(name: string, version: string) {
    this.calls.push(`version ${name}/${version}`);
    const v = this.versions.get(`${name}/${version}`);
    if (!v) throw new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'no version');
    return v;
  }
  async getModelVersionByAlias(name: string, alias: string) {
    this.calls.push(`alias ${name}@${alias}`);
    const version = this.aliases.get(`${name}@${alias}`);
    if (!version) throw new MlflowApiError(400, 'INVALID_PARAMETER_VALUE', `Registered model alias ${alias} not found.`);
    return this.versions.get(`${name}/${version}`)!;
  }
  async searchModelVersions(name: string) {
    this.calls.push(`search ${name}`);
    return [...this.versions.values()].filter((v) => v.name === name);
  }
}

function resolverWith(ttlMs: number) {
  const registry = new FakeRegistry();
  const resolver = new ModelResolver(registry as unknown as MlflowClient, { INFERENCE_ALIAS_TTL_MS: ttlMs } as AppConfig);
  return { registry, resolver };
}

describe('ModelResolver', () => {
  it('asks the registry for a version once, then answers from memory', async () => {
    const { registry, resolver } = resolverWith(1000);
    registry.add('churn', '3');
    expect(await resolver.resolve(modelRef.version('churn', '3'))).toMatchObject({ name: 'churn', version: '3' });
    await resolver.resolve(modelRef.version('churn', '3'));
    expect(registry.calls).toEqual(['version churn/3']);
  });

  it('knows at once, with no registry call, only what it would answer from memory', async () => {
    const { registry, resolver } = resolverWith(50);
    registry.add('churn', '3');
    registry.aliases.set('churn@champion', '3');
    const [version, alias] = [modelRef.version('churn', '3'), modelRef.alias('churn', 'champion')];
    expect([resolver.known(version), resolver.known(alias)]).toEqual([undefined, undefined]);
    await resolver.resolve(version);
    await resolver.resolve(alias);
    expect([resolver.known(version)?.version, resolver.known(alias)?.version]).toEqual(['3', '3']);
    await new Promise((r) => setTimeout(r, 60));
    expect(resolver.known(alias)).toBeUndefined(); // an expired alias is asked again
    expect(resolver.known(version)?.version).toBe('3'); // a version never moves
    expect(registry.calls).toEqual(['version churn/3', 'alias churn@champion']);
  });

  it('trusts an alias for the TTL, then re-resolves it', async () => {
    const { registry, resolver } = resolverWith(50);
    registry.add('churn', '1');
    registry.add('churn', '2');
    registry.aliases.set('churn@champion', '1');
    const ref = modelRef.alias('churn', 'champion');
    expect((await resolver.resolve(ref)).version).toBe('1');
    registry.aliases.set('churn@champion', '2');
    expect((await resolver.resolve(ref)).version).toBe('1');
    await new Promise((r) => setTimeout(r, 60));
    expect((await resolver.resolve(ref)).version).toBe('2');
  });

  it('asks again in the background past half the TTL, answering the last target meanwhile', async () => {
    const { registry, resolver } = resolverWith(80);
    registry.add('churn', '1');
    registry.add('churn', '2');
    registry.aliases.set('churn@champion', '1');
    const ref = modelRef.alias('churn', 'champion');
    await resolver.resolve(ref);
    registry.aliases.set('churn@champion', '2');
    await new Promise((r) => setTimeout(r, 50)); // past half the TTL
    expect(resolver.known(ref)?.version).toBe('1'); // at once, and its refresh started
    expect(resolver.known(ref)?.version).toBe('1');
    await new Promise((r) => setImmediate(r));
    expect(resolver.known(ref)?.version).toBe('2');
    expect(registry.calls).toEqual(['alias churn@champion', 'alias churn@champion']);
  });

  it('keeps serving the last known alias target while the registry is unreachable, and asks once per expiry', async () => {
    const { registry, resolver } = resolverWith(20);
    registry.add('churn', '1');
    registry.aliases.set('churn@champion', '1');
    const ref = modelRef.alias('churn', 'champion');
    await resolver.resolve(ref);
    await new Promise((r) => setTimeout(r, 30));
    registry.calls = [];
    const down = jest.spyOn(registry, 'getModelVersionByAlias').mockRejectedValue(new DependencyUnavailableError('mlflow', 'down'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => resolver.resolve(ref)));
    expect(answers.map((a) => a.version)).toEqual(['1', '1', '1', '1', '1']);
    expect(down).toHaveBeenCalledTimes(1);
    await expect(resolver.resolve(modelRef.alias('churn', 'other'))).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('resolves latest to the highest READY version', async () => {
    const { registry, resolver } = resolverWith(0);
    registry.add('churn', '2');
    registry.add('churn', '10');
    registry.add('churn', '11', 'PENDING_REGISTRATION');
    expect((await resolver.resolve(modelRef.latest('churn'))).version).toBe('10');
  });

  it('names what is missing: the model, the version or the alias', async () => {
    const { registry, resolver } = resolverWith(0);
    registry.add('churn', '1');
    await expect(resolver.resolve(modelRef.version('nope', '1'))).rejects.toThrow(
      new NotFoundError('No registered model is named "nope".'),
    );
    await expect(resolver.resolve(modelRef.version('churn', '9'))).rejects.toThrow(/has no version 9/);
    await expect(resolver.resolve(modelRef.alias('churn', 'gold'))).rejects.toThrow(/has no alias "gold"/);
    await expect(resolver.resolve(modelRef.alias('nope', 'gold'))).rejects.toThrow(/No registered model is named "nope"/);
    await expect(resolver.resolve(modelRef.latest('nope'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a version that is not READY with a conflict', async () => {
    const { registry, resolver } = resolverWith(0);
    registry.add('churn', '1', 'PENDING_REGISTRATION');
    await expect(resolver.resolve(modelRef.version('churn', '1'))).rejects.toMatchObject({ status: 409 });
  });
});
