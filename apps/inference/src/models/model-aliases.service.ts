/**
 * Sets, moves and deletes aliases in the MLflow registry. After a change through this app, its resolver
 * answers with the new mapping at once (other inference instances see it within INFERENCE_ALIAS_TTL_MS).
 */
import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '@modelstream/contracts';
import { isMlflowNotFound, MlflowApiError, MlflowClient, type MlflowModelVersion } from '@modelstream/mlflow';
import { aliasNameProblem } from './aliases.dto';
import { ModelResolver } from './model-resolver';

export interface AliasSet {
  name: string;
  alias: string;
  version: string;
}

export interface AliasDeleted {
  name: string;
  alias: string;
  deleted: true;
}

@Injectable()
export class ModelAliasesService {
  private readonly logger = new Logger(ModelAliasesService.name);

  constructor(
    private readonly mlflow: MlflowClient,
    private readonly resolver: ModelResolver,
  ) {}

  /** Points `alias` of model `name` at `version` (creating or moving it). */
  async set(name: string, alias: string, version: string): Promise<AliasSet> {
    checkAlias(alias);
    if (!/^[1-9][0-9]*$/.test(version))
      throw new InvalidInputError(`version ${JSON.stringify(version)} is not a version number such as "3".`);
    const target = await this.version(name, version);
    if (target.status === 'FAILED_REGISTRATION') {
      throw new ConflictError(
        `Model version ${name}/${version} failed to register (${target.status_message ?? 'no reason given'}) and can never be served; point the alias at another version.`,
        { name, version, status: target.status },
      );
    }
    await this.registry(`set alias "${alias}" of model "${name}" to version ${version}`, () => this.mlflow.setAlias(name, alias, version));
    this.resolver.aliasChanged(name, alias, target);
    this.logger.log({ msg: 'alias set', model: name, alias, version });
    return { name, alias, version: String(target.version) };
  }

  /** Deletes `alias` of model `name`; 404 when the model or the alias does not exist. */
  async delete(name: string, alias: string): Promise<AliasDeleted> {
    checkAlias(alias);
    let previous: MlflowModelVersion;
    try {
      previous = await this.mlflow.getModelVersionByAlias(name, alias);
    } catch (error) {
      // MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE "... alias x not found", not a 404.
      const aliasMissing = error instanceof MlflowApiError && /not found|does not exist/i.test(error.message);
      if (!isMlflowNotFound(error) && !aliasMissing) throw refused(`read alias "${alias}" of model "${name}"`, error);
      await this.ensureModelExists(name);
      throw new NotFoundError(`Model "${name}" has no alias "${alias}". GET /api/models lists each model's aliases.`, { name, alias });
    }
    await this.registry(`delete alias "${alias}" of model "${name}"`, () => this.mlflow.deleteAlias(name, alias));
    this.resolver.aliasChanged(name, alias);
    this.logger.log({ msg: 'alias deleted', model: name, alias, version: previous.version });
    return { name, alias, deleted: true };
  }

  private async version(name: string, version: string): Promise<MlflowModelVersion> {
    try {
      return await this.mlflow.getModelVersion(name, version);
    } catch (error) {
      if (!isMlflowNotFound(error)) throw refused(`read version ${version} of model "${name}"`, error);
      await this.ensureModelExists(name);
      throw new NotFoundError(`Model "${name}" has no version ${version}. GET /api/models lists its versions.`, { name, version });
    }
  }

  private async ensureModelExists(name: string): Promise<void> {
    try {
      await this.mlflow.getRegisteredModel(name);
    } catch (error) {
      if (isMlflowNotFound(error)) {
        throw new NotFoundError(`No registered model is named "${name}". GET /api/models lists the registered models.`, { name });
      }
      throw refused(`read model "${name}"`, error);
    }
  }

  private async registry(what: string, call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (isMlflowNotFound(error))
        throw new NotFoundError(`Could not ${what}: ${(error as Error).message}. GET /api/models lists the models.`);
      throw refused(what, error);
    }
  }
}

function checkAlias(alias: string): void {
  const problem = aliasNameProblem(alias);
  if (problem) throw new InvalidInputError(`${problem}.`);
}

/** Any other refusal of the registry (a 4xx we did not expect) names bad input, not a server fault; the rest passes through. */
function refused(what: string, error: unknown): unknown {
  if (error instanceof MlflowApiError) return new InvalidInputError(`The model registry refused to ${what}: ${error.message}`);
  return error;
}
