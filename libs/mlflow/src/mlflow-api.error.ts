/** The errors of MLflow's REST API, and how an answer becomes one. */
import { DependencyUnavailableError, NotFoundError } from '@modelstream/contracts';

/** An error answer of the MLflow API (its error_code, e.g. RESOURCE_ALREADY_EXISTS). */
export class MlflowApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'MlflowApiError';
  }
}

/** Throws for an error answer: DependencyUnavailableError for a 5xx, else MlflowApiError (not-found marked). */
export async function checkResponse(res: Response): Promise<void> {
  if (res.ok) return;
  const text = await res.text();
  let code = `HTTP_${res.status}`;
  let message = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { error_code?: string; message?: string };
    code = body.error_code ?? code;
    message = body.message ?? message;
  } catch {
    /* not JSON: keep the raw text */
  }
  if (res.status >= 500 && res.status !== 501) {
    throw new DependencyUnavailableError(
      'mlflow',
      `The model registry (MLflow) failed to answer (HTTP ${res.status}). Retry in a few seconds.`,
      5,
      `${res.url}: ${message}`,
    );
  }
  if (code === 'RESOURCE_DOES_NOT_EXIST' || res.status === 404) {
    throw Object.assign(new MlflowApiError(res.status, code, message), { notFound: true });
  }
  throw new MlflowApiError(res.status, code, message);
}

/**
 * A missing file under the artifact proxy answers 500 INTERNAL_ERROR whose message carries the store's
 * 404 ("An error occurred (404) when calling the HeadObject operation: Not Found" on S3, "No such file or
 * directory" on a local store): that is a missing artifact, not MLflow being down.
 */
const ARTIFACT_MISSING = /\(404\)[^\n]*Not Found|NoSuchKey|No such file or directory/i;

/** checkResponse for an artifact download: a missing artifact is a not-found MlflowApiError. */
export async function checkArtifactResponse(res: Response): Promise<void> {
  if (res.status !== 500) return checkResponse(res);
  const text = await res.text();
  if (ARTIFACT_MISSING.test(text)) {
    let message = text.slice(0, 500);
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      /* not JSON: keep the raw text */
    }
    throw Object.assign(new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', message), { notFound: true });
  }
  return checkResponse(new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers }));
}

/** True when an error means the MLflow resource does not exist. */
export function isMlflowNotFound(error: unknown): boolean {
  return error instanceof MlflowApiError && (error.errorCode === 'RESOURCE_DOES_NOT_EXIST' || error.status === 404);
}

/** Maps a not-found answer to our domain NotFoundError with a message for the user. */
export function notFoundAs(message: string) {
  return (error: unknown): never => {
    if (isMlflowNotFound(error)) throw new NotFoundError(message);
    throw error;
  };
}
