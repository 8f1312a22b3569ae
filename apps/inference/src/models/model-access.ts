/**
 * Which model names a caller reaches: its owner's (the registered model's `modelstream.owner` tag), or every one
 * for an admin (and with AUTH=off, where the caller is the one local admin: no lookup at all). Another owner's
 * name answers the same 404 as a name that does not exist, so names of others cannot be probed. Owners are kept
 * INFERENCE_ALIAS_TTL_MS, like resolved aliases: a prediction costs no registry call while they are fresh.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { canReach, LOCAL_PRINCIPAL, Principal, RequestWithPrincipal } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';
import { NotFoundError } from '@modelstream/contracts';
import { isMlflowNotFound, MlflowApiError, MlflowClient, MlflowRegisteredModel, ownerOfModel } from '@modelstream/mlflow';

const MAX_CACHED = 10_000;

@Injectable()
export class ModelAccess {
  private readonly owners = new Map<string, { owner: string | null; until: number }>();

  constructor(
    private readonly mlflow: MlflowClient,
    private readonly config: AppConfig,
  ) {}

  /**
   * Passes when `caller` may use the model name; a 404 when it is another owner's (a missing name is left to the
   * caller's own lookup). At once while the owner is known (a prediction's case), else once the registry answers.
   */
  check(name: string, caller: Principal): void | Promise<void> {
    if (caller.admin) return;
    const hit = this.owners.get(name);
    if (hit && hit.until > Date.now()) return admit(name, caller, hit.owner);
    return this.ownerOf(name).then((owner) => admit(name, caller, owner));
  }

  /** Whether `caller` may see this registered model (for lists, which hold the tags already). */
  reaches(model: Pick<MlflowRegisteredModel, 'tags'>, caller: Principal): boolean {
    return canReach(caller, ownerOfModel(model));
  }

  /** The owner of a registered model name; null when there is no such model. */
  async ownerOf(name: string): Promise<string | null> {
    const now = Date.now();
    const hit = this.owners.get(name);
    if (hit && hit.until > now) return hit.owner;
    let owner: string | null;
    try {
      owner = ownerOfModel(await this.mlflow.getRegisteredModel(name));
    } catch (error) {
      // Not there, or a name MLflow refuses: the route's own lookup answers it as it always did.
      if (!(error instanceof MlflowApiError) || (!isMlflowNotFound(error) && error.status >= 500)) throw error;
      return null;
    }
    if (this.owners.size >= MAX_CACHED) this.owners.delete(this.owners.keys().next().value!);
    this.owners.set(name, { owner, until: now + this.config.INFERENCE_ALIAS_TTL_MS });
    return owner;
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
