/**
 * The System page's view of each app's health: the portal forwards each app's `/health` answer as is
 * (`/health/<app>`: 200 with every check up, 503 with at least one down). An app that does not answer, or
 * answers something else, is shown down with what went wrong.
 */

export const APPS = ['ingest', 'inference', 'trainer'] as const;
export type AppName = (typeof APPS)[number];

export interface HealthCheckView {
  name: string;
  up: boolean;
  latencyMs: number | null;
  message?: string;
}

export interface AppHealthView {
  app: AppName;
  up: boolean;
  /** The HTTP status of the answer; null when none came. */
  httpStatus: number | null;
  /** Round trip of the health request, as the browser measured it. */
  roundTripMs: number | null;
  checks: HealthCheckView[];
  /** Why the app is down when its checks do not say (no answer, a gateway error, an unreadable body). */
  error?: string;
  checkedAt: number;
}

/** What one health request gave: an answer (status and parsed body, if JSON) or an error. */
export type HealthProbe =
  { kind: 'answer'; status: number; body: unknown; roundTripMs: number } | { kind: 'error'; message: string; roundTripMs: number | null };

interface TerminusCheck {
  status?: unknown;
  latencyMs?: unknown;
  message?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The checks of a Terminus health body (`{ status, details: { <name>: { status, latencyMs, message? } } }`), else null. */
function checksOf(body: unknown): HealthCheckView[] | null {
  if (!isObject(body) || typeof body.status !== 'string' || !isObject(body.details)) return null;
  const entries = Object.entries(body.details);
  // an API error body (the portal's when the app is unreachable) has `details` too, but not of checks
  if (!entries.every(([, raw]) => isObject(raw) && typeof raw.status === 'string')) return null;
  return entries
    .map(([name, raw]) => {
      const check: TerminusCheck = isObject(raw) ? raw : {};
      return {
        name,
        up: check.status === 'up',
        latencyMs: typeof check.latencyMs === 'number' ? check.latencyMs : null,
        ...(typeof check.message === 'string' ? { message: check.message } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The message of an API error body (`{ message }`, a string or a list of them). */
function messageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const m = body.message;
  if (typeof m === 'string') return m;
  if (Array.isArray(m)) return m.join('; ');
  return undefined;
}

export function appHealth(app: AppName, probe: HealthProbe, checkedAt: number): AppHealthView {
  if (probe.kind === 'error') {
    return {
      app,
      up: false,
      httpStatus: null,
      roundTripMs: probe.roundTripMs,
      checks: [],
      error: `${app} did not answer: ${probe.message}. Is it running? ./scripts/run.sh starts every app.`,
      checkedAt,
    };
  }
  const checks = checksOf(probe.body);
  const base = { app, httpStatus: probe.status, roundTripMs: probe.roundTripMs, checkedAt };
  if (checks === null) {
    const said = messageOf(probe.body);
    return {
      ...base,
      up: false,
      checks: [],
      error: said ? `${said} (HTTP ${probe.status})` : `${app} answered HTTP ${probe.status} without its health checks.`,
    };
  }
  const down = checks.filter((c) => !c.up);
  return {
    ...base,
    up: probe.status === 200 && down.length === 0,
    checks,
    ...(down.length > 0 ? { error: `${down.map((c) => c.name).join(', ')} down` } : {}),
  };
}
