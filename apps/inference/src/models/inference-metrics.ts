/** The inference app's Prometheus series (GET /metrics, next to the platform's HTTP and runtime metrics). */
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { tf } from '@modelstream/ml';
import { Metrics } from '@modelstream/platform';

@Injectable()
export class InferenceMetrics {
  readonly loads;
  readonly loadSeconds;
  readonly evictions;
  readonly cacheLookups;
  readonly cacheModels;
  readonly cacheBytes;
  readonly rows;
  readonly tensors;
  /** Cache lookups and rows predicted, counted on a prediction's path (Metrics.keptCount: added up, read at a scrape). */
  readonly cacheLookup: Record<'hit' | 'miss', () => void>;
  readonly rowsPredicted: Record<'predict' | 'invocations' | 'batch', (rows: number) => void>;

  constructor(metrics: Metrics) {
    this.loads = metrics.counter('modelstream_inference_model_loads_total', 'Model loads from MLflow by outcome', ['outcome']);
    this.loadSeconds = metrics.histogram(
      'modelstream_inference_model_load_seconds',
      'Time to download and build a model',
      [],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
    this.evictions = metrics.counter('modelstream_inference_model_evictions_total', 'Models evicted from the cache by reason', ['reason']);
    this.cacheLookups = metrics.counter('modelstream_inference_cache_lookups_total', 'Model cache lookups by result', ['result']);
    this.cacheModels = metrics.gauge('modelstream_inference_cache_models', 'Models in the cache');
    this.cacheBytes = metrics.gauge('modelstream_inference_cache_bytes', 'Weight bytes of the models in the cache');
    this.rows = metrics.counter('modelstream_inference_rows_total', 'Rows predicted by API', ['api']);
    this.cacheLookup = {
      hit: metrics.keptCount(this.cacheLookups, { result: 'hit' }),
      miss: metrics.keptCount(this.cacheLookups, { result: 'miss' }),
    };
    this.rowsPredicted = {
      predict: metrics.keptCount(this.rows, { api: 'predict' }),
      invocations: metrics.keptCount(this.rows, { api: 'invocations' }),
      batch: metrics.keptCount(this.rows, { api: 'batch' }),
    };
    this.tensors =
      (metrics.registry.getSingleMetric('modelstream_inference_tf_tensors') as Gauge | undefined) ??
      new Gauge({
        name: 'modelstream_inference_tf_tensors',
        help: 'Live TF.js tensors (falls when an evicted model is disposed)',
        registers: [metrics.registry],
        collect() {
          this.set(tf.memory().numTensors);
        },
      });
  }
}
