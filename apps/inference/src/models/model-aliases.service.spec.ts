import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DependencyUnavailableError, InvalidInputError, modelRef, NotFoundError } from '@modelstream/contracts';
import type { AppConfig } from '@modelstream/config';
import { MlflowApiError, type MlflowClient, type MlflowModelVersion } from '@modelstream/mlflow';
import { AliasParams, aliasNameProblem, SetAliasDto } from './aliases.dto';
import { ModelAliasesService } from './model-aliases.service';
import { ModelResolver } from './model-resolver';

/** An in-memory registry that answers like MLflow's REST API does (404s, and its 400 for a missing alias). */
class FakeRegistry {
  calls: string[] = [];
  versions = new Map<string, MlflowModelVersion>();
  aliases = new Map<string, string>();

  add(name: string, version: string, status: MlflowModelVersion['status'] = 'READY'): void {
    this.versions.set(`${name}/${version}`, { name, version, status, source: `mlflow-artifacts:/x/${name}/${version}/model` });
  }
  private hasModel(name: string): boolean {
    return [...this.versions.values()].some((v) => v.name === name);
  }
  async getRegisteredModel(name: string) {
    this.calls.push(`model ${name}`);
    if (!this.hasModel(name)) throw new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'no model');
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
    if (!this.hasModel(name)) throw new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'no model');
    const version = this.aliases.get(`${name}@${alias}`);
    if (!version) throw new MlflowApiError(400, 'INVALID_PARAMETER_VALUE', `Registered model alias ${alias} not found.`);
    return this.versions.get(`${name}/${version}`)!;
  }
  async setAlias(name: string, alias: string, version: string) {
    this.calls.push(`set ${name}@${alias}=${version}`);
    if (!this.versions.has(`${name}/${version}`)) throw new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'no version');
    this.aliases.set(`${name}@${alias}`, version);
  }
  async deleteAlias(name: string, alias: string) {
    this.calls.push(`delete ${name}@${alias}`);
    this.aliases.delete(`${name}@${alias}`);
  }
}

function setup(ttlMs = 60_000) {
  const registry = new FakeRegistry();
  const mlflow = registry as unknown as MlflowClient;
  const resolver = new ModelResolver(mlflow, { INFERENCE_ALIAS_TTL_MS: ttlMs } as AppConfig);
  const service = new ModelAliasesService(mlflow, resolver);
  registry.add('churn', '1');
  registry.add('churn', '2');
  return { registry, resolver, service };
}

const champion = modelRef.alias('churn', 'champion');

describe('ModelAliasesService', () => {
  it('sets an alias, then moves it; the resolver answers the new version at once despite its TTL', async () => {
    const { registry, resolver, service } = setup();
    expect(await service.set('churn', 'champion', '1')).toEqual({ name: 'churn', alias: 'champion', version: '1' });
    expect((await resolver.resolve(champion)).version).toBe('1');
    expect(await service.set('churn', 'champion', '2')).toEqual({ name: 'churn', alias: 'champion', version: '2' });
    registry.calls = [];
    expect((await resolver.resolve(champion)).version).toBe('2');
    expect(registry.calls).toEqual([]); // primed with the version just set: no registry call
    expect(registry.aliases.get('churn@champion')).toBe('2');
  });

  it('deletes an alias; the resolver forgets it at once', async () => {
    const { registry, resolver, service } = setup();
    await service.set('churn', 'champion', '1');
    await resolver.resolve(champion);
    expect(await service.delete('churn', 'champion')).toEqual({ name: 'churn', alias: 'champion', deleted: true });
    expect(registry.aliases.has('churn@champion')).toBe(false);
    await expect(resolver.resolve(champion)).rejects.toThrow(/has no alias "champion"/);
  });

  it('does not keep a registry answer asked for before the alias moved', async () => {
    const { registry, resolver, service } = setup();
    registry.aliases.set('churn@champion', '1');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = registry.getModelVersionByAlias.bind(registry);
    jest.spyOn(registry, 'getModelVersionByAlias').mockImplementationOnce(async (name, alias) => {
      const answer = await original(name, alias);
      await gate;
      return answer;
    });
    const early = resolver.resolve(champion);
    await new Promise((r) => setImmediate(r));
    await service.set('churn', 'champion', '2');
    release();
    expect((await early).version).toBe('1'); // asked before the move
    expect((await resolver.resolve(champion)).version).toBe('2');
  });

  it('answers 404 naming what is missing: the model, the version or the alias', async () => {
    const { service } = setup();
    await expect(service.set('nope', 'champion', '1')).rejects.toThrow(
      new NotFoundError('No registered model is named "nope". GET /api/models lists the registered models.'),
    );
    await expect(service.set('churn', 'champion', '9')).rejects.toThrow(/Model "churn" has no version 9\. GET \/api\/models/);
    await expect(service.delete('churn', 'gold')).rejects.toThrow(/Model "churn" has no alias "gold"\. GET \/api\/models/);
    await expect(service.delete('nope', 'gold')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses bad alias names and versions with 400 before asking the registry', async () => {
    const { registry, service } = setup();
    for (const alias of ['v3', 'V12', '3', 'latest', 'LATEST', 'has space', 'a.b', 'x'.repeat(256)]) {
      await expect(service.set('churn', alias, '1')).rejects.toBeInstanceOf(InvalidInputError);
    }
    for (const version of ['0', 'latest', '1.5', '-1', 'abc']) {
      await expect(service.set('churn', 'champion', version)).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(service.delete('churn', 'v2')).rejects.toBeInstanceOf(InvalidInputError);
    expect(registry.calls).toEqual([]);
  });

  it('refuses a version that failed to register with 409', async () => {
    const { registry, service } = setup();
    registry.add('churn', '3', 'FAILED_REGISTRATION');
    await expect(service.set('churn', 'champion', '3')).rejects.toMatchObject({ status: 409 });
  });

  it('passes an unreachable registry through as 503, and other registry refusals as 400', async () => {
    const { registry, service } = setup();
    jest.spyOn(registry, 'setAlias').mockRejectedValueOnce(new DependencyUnavailableError('mlflow', 'down'));
    await expect(service.set('churn', 'champion', '1')).rejects.toBeInstanceOf(DependencyUnavailableError);
    jest.spyOn(registry, 'setAlias').mockRejectedValueOnce(new MlflowApiError(400, 'INVALID_PARAMETER_VALUE', 'nope'));
    await expect(service.set('churn', 'champion', '1')).rejects.toThrow(/The model registry refused to set alias "champion"/);
  });
});

describe('alias DTOs', () => {
  const errors = async (cls: new () => object, plain: object) =>
    (await validate(plainToInstance(cls, plain))).flatMap((e) => Object.values(e.constraints ?? {}));

  it('accepts MLflow alias names and refuses the reserved and version-like ones with a reason', async () => {
    expect(await errors(AliasParams, { name: 'churn', alias: 'champion_2-b' })).toEqual([]);
    expect(await errors(AliasParams, { name: 'churn', alias: 'v3' })).toEqual([expect.stringMatching(/reserved.*"champion"/)]);
    expect(await errors(AliasParams, { name: 'churn', alias: '3' })).toEqual([expect.stringMatching(/reserved/)]);
    expect(await errors(AliasParams, { name: 'churn', alias: 'Latest' })).toEqual([expect.stringMatching(/reserved/)]);
    expect(await errors(AliasParams, { name: 'churn', alias: 'a b' })).toEqual([expect.stringMatching(/only letters, digits/)]);
    expect(await errors(AliasParams, { name: ' churn', alias: 'ok' })).toEqual([expect.stringMatching(/registered model name/)]);
    expect(aliasNameProblem('x'.repeat(255))).toBeNull();
    expect(aliasNameProblem('x'.repeat(256))).toMatch(/at most 255/);
  });

  it('takes the version as a number string (or a JSON number) and refuses anything else', async () => {
    expect(await errors(SetAliasDto, { version: '3' })).toEqual([]);
    const numeric = plainToInstance(SetAliasDto, { version: 3 });
    expect(numeric.version).toBe('3');
    expect(await validate(numeric)).toEqual([]);
    expect(await errors(SetAliasDto, { version: 'latest' })).toEqual([expect.stringMatching(/version number such as "3"/)]);
    expect(await errors(SetAliasDto, {})).not.toEqual([]);
  });
});
