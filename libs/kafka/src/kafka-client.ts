/**
 * Our one door to Kafka: a KafkaJS client, an idempotent producer (acks from all in-sync replicas), and an
 * admin that creates the topics with their configs. Created once per app, closed on shutdown.
 *
 * Every method takes logical topic names and group ids (libs/contracts TOPICS) and applies KAFKA_NAMESPACE
 * here, so a second namespace on the same broker (the test suite's) never touches the live topics or groups.
 */
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  Admin,
  AssignerProtocol,
  Consumer,
  ConsumerConfig,
  ITopicConfig,
  Kafka,
  logLevel,
  LogEntry,
  Message,
  Partitioners,
  Producer,
  RecordMetadata,
} from 'kafkajs';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError, TopicSpec } from '@modelstream/contracts';
import { logicalTopic, physicalGroup, physicalTopic } from './namespace';

const SEND_TIMEOUT_MS = 10_000;

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

export interface GroupAssignment {
  state: string;
  members: { clientId: string; partitions: number[] }[];
}

@Injectable()
export class KafkaClient implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  private readonly kafka: Kafka;
  readonly namespace: string;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private admin?: Admin;
  private adminReady?: Promise<Admin>;

  constructor(readonly config: AppConfig) {
    this.namespace = config.KAFKA_NAMESPACE ?? '';
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

  /** The broker's name of a logical topic. */
  topicName(topic: string): string {
    return physicalTopic(topic, this.namespace);
  }

  /** The logical name of a topic the broker named. */
  logicalName(physical: string): string {
    return logicalTopic(physical, this.namespace);
  }

  /** The broker's id of a logical consumer group. */
  groupName(groupId: string): string {
    return physicalGroup(groupId, this.namespace);
  }

  /**
   * A KafkaJS consumer in the namespaced group `config.groupId` (logical). For libs/kafka's own consumers
   * only: it subscribes with physical names (`topicName`) and reports them back (`logicalName`).
   */
  newConsumer(config: ConsumerConfig): Consumer {
    return this.kafka.consumer({ ...config, groupId: this.groupName(config.groupId) });
  }

  private async getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        // Not KafkaJS's idempotent producer (experimental there): after a broker restart it acknowledged an event the
        // broker never wrote — its producer sequence reused, the broker took the batch for a duplicate (the chaos
        // suite's Kafka round, docs/consumers.md). A retry may write an event twice instead, byte for byte the same:
        // every consumer drops a repeat by its (job, topic) sequence. One request in flight keeps a retry in order.
        idempotent: false,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        // a bound keeps a request from hanging while the broker is down
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
   * Sends to a logical topic and resolves only once every in-sync replica has the messages. Failures that a
   * retry may cure (broker down, timeouts) become DependencyUnavailableError so callers answer 503, not 500.
   */
  async send(topic: string, messages: Message[]): Promise<RecordMetadata[]> {
    const name = this.topicName(topic);
    try {
      const producer = await withTimeout(this.getProducer(), SEND_TIMEOUT_MS, 'connecting to Kafka');
      const sent = await withTimeout(producer.send({ topic: name, messages, acks: -1 }), SEND_TIMEOUT_MS, `writing to ${name}`);
      return sent.map((m) => ({ ...m, topicName: topic }));
    } catch (error) {
      throw new DependencyUnavailableError(
        'kafka',
        'Kafka did not acknowledge the event. Nothing was lost; retry the request.',
        5,
        errorMessage(error),
      );
    }
  }

  /** The raw admin client, speaking physical names: for libs/kafka only (and its integration specs). */
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

  /**
   * Creates the topics that do not exist yet, with their partitions and configs; existing ones are left
   * alone. Resolves to the logical names of the topics it created.
   */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(this.topicName(s.name)));
    const configs: ITopicConfig[] = missing.map((s) => ({
      topic: this.topicName(s.name),
      numPartitions: s.partitions,
      replicationFactor: -1,
      configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })),
    }));
    if (configs.length > 0) {
      await admin.createTopics({ topics: configs, waitForLeaders: true });
      this.logger.log({ topics: configs.map((t) => t.topic), msg: 'created topics' });
    }
    return missing.map((s) => s.name);
  }

  /** Low and high watermarks of every partition of a topic. */
  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const admin = await this.getAdmin();
    return (await admin.fetchTopicOffsets(this.topicName(topic))).map(({ partition, low, high }) => ({ partition, low, high }));
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    const admin = await this.getAdmin();
    await admin.deleteGroups(groupIds.map((g) => this.groupName(g)));
  }

  async deleteTopics(topics: string[]): Promise<void> {
    const admin = await this.getAdmin();
    await admin.deleteTopics({ topics: topics.map((t) => this.topicName(t)) });
  }

  /**
   * Commits a consumer group that has no members yet at the current end of these topics, so it reads only
   * what is published from now on instead of every event since the topics' beginning.
   */
  async startGroupAtEnd(groupId: string, topics: readonly string[]): Promise<void> {
    const admin = await this.getAdmin();
    for (const topic of topics) {
      const partitions = await admin.fetchTopicOffsets(this.topicName(topic));
      await admin.setOffsets({
        groupId: this.groupName(groupId),
        topic: this.topicName(topic),
        partitions: partitions.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  }

  /** Who in a consumer group owns which partitions of a topic. */
  async groupAssignment(groupId: string, topic: string): Promise<GroupAssignment> {
    const admin = await this.getAdmin();
    const { groups } = await admin.describeGroups([this.groupName(groupId)]);
    const group = groups[0];
    const name = this.topicName(topic);
    return {
      state: group?.state ?? 'Unknown',
      members: (group?.members ?? []).map((m) => ({
        clientId: m.clientId,
        partitions:
          m.memberAssignment.length > 0 ? (AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[name] ?? []) : [],
      })),
    };
  }

  /** The partition our producer writes a message with this key to. */
  async partitionOf(topic: string, key: string): Promise<number> {
    const admin = await this.getAdmin();
    const name = this.topicName(topic);
    const [meta] = (await admin.fetchTopicMetadata({ topics: [name] })).topics;
    return Partitioners.DefaultPartitioner()({ topic: name, partitionMetadata: meta.partitions, message: { key, value: null } });
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
