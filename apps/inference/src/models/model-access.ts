/**
 * Which model names a caller reaches: its owner's (the registered model's `modelstream.owner` tag), or every one
 * for an admin (and with AUTH=off, where the caller is the one local admin: no lookup at all). Another owner's
 * name answers the same 404 as a name that does not exist, so names of others cannot be probed. Owners are kept
 * INFERENCE_ALIAS_TTL_MS, like resolved aliases, and asked again ahead of their end (RefreshingCache): a prediction
 * costs no registry call and, under steady traffic, never waits for one.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { canReach, LOCAL_PRINCIPAL, Principal, RequestWithPrincipal } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';
import { NotFoundError } from '@modelstream/contracts';
import { isMlflowNotFound, MlflowApiError, MlflowClient, MlflowRegisteredModel, ownerOfModel } from '@modelstream/mlflow';
import { RefreshingCache } from '@modelstream/resilience';

@Injectable()
export class ModelAccess {
  private readonly owners: RefreshingCache<string | null>;

  constructor(
    private readonly mlflow: MlflowClient,
    config: AppConfig,
  ) {
    // A name with no model is not kept: a model registered under it a moment later is another owner's to guard.
    this.owners = new RefreshingCache({
      ttlMs: config.INFERENCE_ALIAS_TTL_MS,
      load: (name) => this.readOwner(name),
      keeps: (owner) => owner !== null,
    });
  }

  /**
   * Passes when `caller` may use the model name; a 404 when it is another owner's (a missing name is left to the
   * caller's own lookup). At once while the owner is known (a prediction's case), else once the registry answers.
   */
  check(name: string, caller: Principal): void | Promise<void> {
    if (caller.admin) return;
    const owner = this.owners.get(name);
    return owner instanceof Promise ? owner.then((known) => admit(name, caller, known)) : admit(name, caller, owner);
  }

  /** Whether `caller` may see this registered model (for lists, which hold the tags already). */
  reaches(model: Pick<MlflowRegisteredModel, 'tags'>, caller: Principal): boolean {
    return canReach(caller, ownerOfModel(model));
  }

  /** The owner of a registered model name; null when there is no such model. */
  async ownerOf(name: string): Promise<string | null> {
    return this.owners.get(name);
  }

  private async readOwner(name: string): Promise<string | null> {
    try {
      return ownerOfModel(await this.mlflow.getRegisteredModel(name));
    } catch (error) {
      // Not there, or a name MLflow refuses: the route's own lookup answers it as it always did.
      if (!(error instanceof MlflowApiError) || (!isMlflowNotFound(error) && error.status >= 500)) throw error;
      return null;
    }
  }
}

function admit(name: string, caller: Principal, owner: string | null): void {
  if (owner !== null && !canReach(caller, owner)) {
    throw new NotFoundError(`No registered model is named "${name}". GET /api/models lists the registered models.`, { name });
  }
}

/** Routes with a `:name` parameter: the caller must reach that model name (404 otherwise). */
@Injectable()
export class ModelOwnerGuard implements CanActivate {
  constructor(private readonly access: ModelAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ params: Record<string, string> } & RequestWithPrincipal>();
    if (typeof req.params.name === 'string') await this.access.check(req.params.name, req.principal ?? LOCAL_PRINCIPAL);
    return true;
  }
}
