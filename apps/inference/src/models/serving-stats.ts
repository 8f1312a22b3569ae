/**
 * What each registered version served on this instance: requests and errors (answers ≥ 400 once the version was
 * known) by API, and latency percentiles over a sliding window. Both are Prometheus series (GET /metrics), and the
 * model API reads the same figures. Recording one prediction touches only that version's own record — no label
 * hashing, no allocation (sliding-latency.ts); the series are read from the records when /metrics is scraped.
 */
import { Injectable } from '@nestjs/common';
import { Counter, type MetricValueWithName, type Registry, Summary } from 'prom-client';
import { Metrics } from '@modelstream/platform';
import { versionKey } from './model-resolver';
import { SlidingLatency } from './sliding-latency';

/** The prediction paths counted: the JSON API, MLflow's scoring protocol, a batch job's submission. */
export type ServingApi = 'predict' | 'invocations' | 'batch';
const APIS: readonly ServingApi[] = ['predict', 'invocations', 'batch'];

export interface ServingFigures {
  requests: number;
  errors: number;
  /** Latency percentiles (ms) over the last WINDOW_SECONDS; absent when no request fell in the window. */
  p50Ms?: number;
  p99Ms?: number;
}

/** The latency percentiles look at the last 10 minutes (5 slots of 2 minutes). */
export const WINDOW_SECONDS = 600;
const SLOTS = 5;
const QUANTILES = [0.5, 0.99] as const;
const LATENCY_SERIES = 'modelstream_inference_request_seconds';
const LATENCY_HELP = `Prediction request latency by model version (p50/p99 over the last ${WINDOW_SECONDS} s)`;
const REQUEST_SERIES = 'modelstream_inference_requests_total';

type Labels = 'name' | 'version';
type Outcomes = { ok: number; error: number };

/** One version's figures on this instance. */
interface VersionServing {
  readonly name: string;
  readonly version: string;
  readonly latency: SlidingLatency;
  /** Every request's seconds and count since the start (the Summary's _sum and _count). */
  sum: number;
  count: number;
  readonly requests: Record<ServingApi, Outcomes>;
  /** What the request Counter has been given of `requests` so far. */
  readonly counted: Record<ServingApi, Outcomes>;
}

const outcomesByApi = (): Record<ServingApi, Outcomes> => ({
  predict: { ok: 0, error: 0 },
  invocations: { ok: 0, error: 0 },
  batch: { ok: 0, error: 0 },
});

/**
 * The latency Summary, its samples read from the versions' windows; it holds the versions' records, so that every
 * ServingStats on one registry (the app's, a test's) shares them.
 */
class LatencySeries extends Summary<Labels> {
  private readonly byName = new Map<string, Map<string, VersionServing>>();

  constructor(registry: Registry) {
    super({
      name: LATENCY_SERIES,
      help: LATENCY_HELP,
      labelNames: ['name', 'version'],
      percentiles: [...QUANTILES],
      registers: [registry],
    });
  }

  of(name: string, version: string): VersionServing {
    let versions = this.byName.get(name);
    if (!versions) this.byName.set(name, (versions = new Map()));
    let found = versions.get(version);
    if (!found) {
      found = {
        name,
        version,
        latency: new SlidingLatency(WINDOW_SECONDS, SLOTS),
        sum: 0,
        count: 0,
        requests: outcomesByApi(),
        counted: outcomesByApi(),
      };
      versions.set(version, found);
    }
    return found;
  }

  *versions(): Iterable<VersionServing> {
    for (const versions of this.byName.values()) yield* versions.values();
  }

  override async get(): ReturnType<Summary<Labels>['get']> {
    const values: MetricValueWithName<Labels | 'quantile'>[] = [];
    for (const v of this.versions()) {
      const labels = { name: v.name, version: v.version };
      const window = v.latency.percentiles(QUANTILES.map((q) => q * 100));
      // As prom-client's Summary: an empty window reads 0.
      for (const [i, quantile] of QUANTILES.entries()) values.push({ labels: { quantile, ...labels }, value: window?.[i] ?? 0 });
      values.push({ metricName: `${LATENCY_SERIES}_sum`, labels, value: v.sum });
      values.push({ metricName: `${LATENCY_SERIES}_count`, labels, value: v.count });
    }
    // What prom-client's own Summary answers (its typings leave the metric's name, help and type off the class).
    const answer = { name: LATENCY_SERIES, help: LATENCY_HELP, type: 'summary', values, aggregator: 'sum' };
    return answer as unknown as Awaited<ReturnType<Summary<Labels>['get']>>;
  }
}

/** The request Counter, brought up to the versions' records when it is read. */
function requestCounter(registry: Registry, series: LatencySeries): Counter<Labels | 'api' | 'outcome'> {
  return new Counter({
    name: REQUEST_SERIES,
    help: 'Prediction requests by model version, API and outcome (error: answered ≥ 400)',
    labelNames: ['name', 'version', 'api', 'outcome'],
    registers: [registry],
    collect() {
      for (const v of series.versions()) {
        for (const api of APIS) {
          for (const outcome of ['ok', 'error'] as const) {
            const delta = v.requests[api][outcome] - v.counted[api][outcome];
            if (delta === 0) continue;
            this.inc({ name: v.name, version: v.version, api, outcome }, delta);
            v.counted[api][outcome] += delta;
          }
        }
      }
    },
  });
}

const ms = (seconds: number) => Math.round(seconds * 1000 * 100) / 100;

@Injectable()
export class ServingStats {
  private readonly series: LatencySeries;

  constructor(metrics: Metrics) {
    const registered = metrics.registry.getSingleMetric(LATENCY_SERIES);
    this.series = registered instanceof LatencySeries ? registered : new LatencySeries(metrics.registry);
    if (!metrics.registry.getSingleMetric(REQUEST_SERIES)) requestCounter(metrics.registry, this.series);
  }

  record(name: string, version: string, api: ServingApi, seconds: number, failed: boolean): void {
    const v = this.series.of(name, version);
    v.latency.record(seconds);
    v.sum += seconds;
    v.count += 1;
    v.requests[api][failed ? 'error' : 'ok'] += 1;
  }

  /** The figures of every version that served something, by `versionKey` (`models:/<name>/<version>`). */
  snapshot(): Map<string, ServingFigures> {
    const figures = new Map<string, ServingFigures>();
    for (const v of this.series.versions()) {
      const f: ServingFigures = { requests: 0, errors: 0 };
      for (const api of APIS) {
        f.requests += v.requests[api].ok + v.requests[api].error;
        f.errors += v.requests[api].error;
      }
      const window = v.latency.percentiles([50, 99]);
      if (window) [f.p50Ms, f.p99Ms] = window.map(ms);
      figures.set(versionKey(v), f);
    }
    return figures;
  }
}
