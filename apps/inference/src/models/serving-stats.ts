/**
 * What each registered version served on this instance: requests and errors (answers ≥ 400 once the
 * version was known) by API, and latency percentiles over a sliding window. Both are Prometheus series
 * (GET /metrics), and the model API reads the same series back — no second bookkeeping.
 */
import { Injectable } from '@nestjs/common';
import { type Counter, type MetricValue, Summary } from 'prom-client';
import { Metrics } from '@modelstream/platform';
import { versionKey } from './model-resolver';

/** The prediction paths counted: the JSON API, MLflow's scoring protocol, a batch job's submission. */
export type ServingApi = 'predict' | 'invocations' | 'batch';

export interface ServingFigures {
  requests: number;
  errors: number;
  /** Latency percentiles (ms) over the last WINDOW_SECONDS; absent when no request fell in the window. */
  p50Ms?: number;
  p99Ms?: number;
}

/** The latency percentiles look at the last 10 minutes (5 rotating buckets of 2 minutes). */
export const WINDOW_SECONDS = 600;
const AGE_BUCKETS = 5;

type Labels = 'name' | 'version';

@Injectable()
export class ServingStats {
  readonly latency: Summary<Labels>;
  readonly requests: Counter<Labels | 'api' | 'outcome'>;

  constructor(metrics: Metrics) {
    this.latency =
      (metrics.registry.getSingleMetric('modelstream_inference_request_seconds') as Summary<Labels> | undefined) ??
      new Summary({
        name: 'modelstream_inference_request_seconds',
        help: `Prediction request latency by model version (p50/p99 over the last ${WINDOW_SECONDS} s)`,
        labelNames: ['name', 'version'],
        percentiles: [0.5, 0.99],
        maxAgeSeconds: WINDOW_SECONDS,
        ageBuckets: AGE_BUCKETS,
        registers: [metrics.registry],
      });
    this.requests = metrics.counter(
      'modelstream_inference_requests_total',
      'Prediction requests by model version, API and outcome (error: answered ≥ 400)',
      ['name', 'version', 'api', 'outcome'],
    );
  }

  record(name: string, version: string, api: ServingApi, seconds: number, failed: boolean): void {
    this.latency.observe({ name, version }, seconds);
    this.requests.inc({ name, version, api, outcome: failed ? 'error' : 'ok' });
  }

  /** The figures of every version that served something, by `versionKey` (`models:/<name>/<version>`). */
  async snapshot(): Promise<Map<string, ServingFigures>> {
    const [latency, requests] = await Promise.all([this.latency.get(), this.requests.get()]);
    return servingFigures(latency.values, requests.values);
  }
}

/** Folds the series of the latency Summary and the request Counter into figures per version. */
export function servingFigures(latency: MetricValue<string>[], requests: MetricValue<string>[]): Map<string, ServingFigures> {
  const figures = new Map<string, ServingFigures>();
  const of = (labels: Partial<Record<string, string | number>>): ServingFigures => {
    const key = versionKey({ name: String(labels.name), version: String(labels.version) });
    let found = figures.get(key);
    if (!found) figures.set(key, (found = { requests: 0, errors: 0 }));
    return found;
  };
  for (const { labels, value } of requests) {
    const f = of(labels);
    f.requests += value;
    if (labels.outcome === 'error') f.errors += value;
  }
  for (const sample of latency) {
    const quantile = sample.labels.quantile;
    // An empty window answers 0 (no real request takes 0 s): no percentile then.
    if (quantile === undefined || !Number.isFinite(sample.value) || sample.value <= 0) continue;
    const ms = Math.round(sample.value * 1000 * 100) / 100;
    if (Number(quantile) === 0.5) of(sample.labels).p50Ms = ms;
    if (Number(quantile) === 0.99) of(sample.labels).p99Ms = ms;
  }
  return figures;
}
