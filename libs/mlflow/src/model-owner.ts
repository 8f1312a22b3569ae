/**
 * A registered model name belongs to the owner whose training created it: the `modelstream.owner` tag, set when
 * the name is created. Names created before access control (no tag) belong to the legacy owner.
 */
import { LEGACY_OWNER } from '@modelstream/contracts';
import type { MlflowRegisteredModel } from './mlflow.types';

export const MODEL_OWNER_TAG = 'modelstream.owner';

export function ownerOfModel(model: Pick<MlflowRegisteredModel, 'tags'>): string {
  return model.tags?.find((t) => t.key === MODEL_OWNER_TAG)?.value || LEGACY_OWNER;
}
