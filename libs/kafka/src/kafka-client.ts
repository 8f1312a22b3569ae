/**
 * Our one door to Kafka: a KafkaJS client, an idempotent producer (acks from all in-sync replicas), and an
 * admin that creates the topics with their configs. Created once per app, closed on shutdown.
 */
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, ITopicConfig, Kafka, logLevel, LogEntry, Message, Partitioners, Producer, RecordMetadata } from 'kafkajs';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError, TopicSpec } from '@modelstream/contracts';

const SEND_TIMEOUT_MS = 10_000;

@Injectable()
export class KafkaClient implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private admin?: Admin;
  private adminReady?: Promise<Admin>;

  constructor(readonly config: AppConfig) {
    this.kafka = new Kafka({
      clientId: config.KAFKA_CLIENT_ID,
      brokers: config.kafkaBrokers,
      connectionTimeout: 3000,
      requestTimeout: 10_000,
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 2000 },
      // KafkaJS's INFO lines (joins, rebalances) only at debug level: our own logs say what matters.
      logLevel: ['debug', 'trace'].includes(config.LOG_LEVEL) ? logLevel.INFO : logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
    });
  }

  private log({ level, label, log }: LogEntry): void {
    const { message, ...extra } = log;
    const line = { kafka: extra, msg: `${label} ${message}` };
    if (level === logLevel.ERROR) this.logger.error(line);
    else if (level === logLevel.WARN) this.logger.warn(line);
    else if (level === logLevel.INFO) this.logger.log(line);
    else this.logger.debug(line);
  }

  async getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        // Idempotence keeps retries safe; a bound keeps a request from hanging while the broker is down.
        retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 2000 },
      });
      this.producerReady = producer.connect().then(() => {
        this.producer = producer;
        return producer;
      });
      this.producerReady.catch(() => (this.producerReady = undefined));
    }
    return this.producerReady;
  }

  /**
   * Sends and resolves only once every in-sync replica has the messages. Failures that a retry may cure
   * (broker down, timeouts) become DependencyUnavailableError so callers answer 503, not 500.
   */
  async send(topic: string, messages: Message[]): Promise<RecordMetadata[]> {
    try {
      const producer = await withTimeout(this.getProducer(), SEND_TIMEOUT_MS, 'connecting to Kafka');
      return await withTimeout(producer.send({ topic, messages, acks: -1 }), SEND_TIMEOUT_MS, `writing to ${topic}`);
    } catch (error) {
      throw new DependencyUnavailableError(
        'kafka',
        `Kafka did not acknowledge the event (${errorMessage(error)}). Nothing was lost; retry the request.`,
      );
    }
  }

  async getAdmin(): Promise<Admin> {
    if (!this.adminReady) {
      const admin = this.kafka.admin();
      this.adminReady = admin.connect().then(() => {
        this.admin = admin;
        return admin;
      });
      this.adminReady.catch(() => (this.adminReady = undefined));
    }
    return this.adminReady;
  }

  /** Creates the topics that do not exist yet, with their partitions and configs; existing ones are left alone. */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing: ITopicConfig[] = specs
      .filter((s) => !existing.has(s.name))
      .map((s) => ({
        topic: s.name,
        numPartitions: s.partitions,
        replicationFactor: -1,
        configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })),
      }));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
      this.logger.log({ topics: missing.map((t) => t.topic), msg: 'created topics' });
    }
    return missing.map((t) => t.topic);
  }

  /** A cheap liveness probe: the cluster answers a metadata request. */
  async ping(): Promise<void> {
    const admin = await withTimeout(this.getAdmin(), 3000, 'connecting to Kafka');
    await withTimeout(admin.describeCluster(), 3000, 'describing the cluster');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer?.disconnect(), this.admin?.disconnect()]);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
