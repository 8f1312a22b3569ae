/**
 * The portal's own /health: whether each app it forwards /api to answers at all (its /health, whatever its
 * status: an app that is up but missing a dependency still takes requests), with the latency. 503 while one
 * cannot be reached. Each app's own checks are at /health/<app>.
 */
import { AppConfig } from '@modelstream/config';
import { HealthModule, type DependencyProbe } from '@modelstream/platform';
import { DOCUMENTED_APPS } from './routing';
import { upstreamUrl } from './upstreams.service';

const PROBE_TIMEOUT_MS = 2500;

async function reach(url: string): Promise<void> {
  try {
    const answer = await fetch(`${url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await answer.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `not reachable at ${url} (${cause?.code ?? cause?.message ?? (error as Error).message}): start it with ./scripts/run.sh`,
      {
        cause: error,
      },
    );
  }
}

export const PortalHealthModule = HealthModule.withProbes(
  (config: AppConfig): DependencyProbe[] => DOCUMENTED_APPS.map((app) => ({ name: app, ping: () => reach(upstreamUrl(config, app)) })),
  [AppConfig],
);
