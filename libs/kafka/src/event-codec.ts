/**
 * Avro encoding of our events through the schema registry (Confluent wire format). Registers each topic's
 * value schema under `<physical topic>-value` (topic-name strategy, so a KAFKA_NAMESPACE has subjects of its
 * own) with BACKWARD compatibility, and maps the
 * TypeScript discriminated union `{ type, payload }` to the schema's wrapped payload union and back.
 */
import { Injectable, Logger } from '@nestjs/common';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';
import { AppConfig, findProjectRoot } from '@modelstream/config';
import { DependencyUnavailableError, EventEnvelope, readTopicSchema, TopicSpec, valueSubject } from '@modelstream/contracts';
import { errorMessage } from './kafka-client';
import { physicalTopic } from './namespace';

export type AnyEvent = EventEnvelope & { type: string; payload: unknown };

/** How long one schema registry request may wait for its answer. */
const REGISTRY_TIMEOUT_MS = 10_000;

/**
 * The schema registry client. Each request ends after `timeoutMs` of silence (the client's own default is no
 * limit): a registry that takes the connection and never answers fails the attempt, which the client and its
 * callers retry, rather than hanging an app's start or an event's produce.
 */
export function schemaRegistryClient(url: string, clientId: string, timeoutMs = REGISTRY_TIMEOUT_MS): SchemaRegistry {
  return new SchemaRegistry(
    { host: url, clientId, middlewares: [TimeoutMiddleware(timeoutMs)] },
    { [SchemaType.AVRO]: { wrapUnions: 'auto' } },
  );
}

type AvroType = { fromBuffer(buffer: Buffer): unknown };
type TopicSchema = { namespace?: string; fields?: { name: string; type: unknown }[] };

/** Raised when bytes cannot be decoded into a known event: such a message goes to the dead-letter topic. */
export class UndecodableEventError extends Error {
  override name = 'UndecodableEventError';
}

@Injectable()
export class EventCodec {
  private readonly logger = new Logger(EventCodec.name);
  readonly registry: SchemaRegistry;
  private readonly ids = new Map<string, Promise<number>>();
  private readonly schemas = new Map<string, TopicSchema>();
  /** The avsc types of the writer schemas met, by registry id: a known one decodes without the registry client. */
  private readonly writerTypes = new Map<number, AvroType>();

  private readonly url: string;
  private readonly namespace: string;

  constructor(config: AppConfig) {
    this.namespace = config.KAFKA_NAMESPACE ?? '';
    this.url = config.SCHEMA_REGISTRY_URL.replace(/\/+$/, '');
    this.registry = schemaRegistryClient(config.SCHEMA_REGISTRY_URL, config.KAFKA_CLIENT_ID);
  }

  /** The parsed .avsc of a topic, read from disk once. */
  private schemaOf(topic: TopicSpec): TopicSchema {
    let schema = this.schemas.get(topic.name);
    if (!schema) {
      schema = readTopicSchema(topic, findProjectRoot(__dirname)) as TopicSchema;
      this.schemas.set(topic.name, schema);
    }
    return schema;
  }

  /** The subject of a topic's value schema (per physical topic). */
  subjectOf(topic: TopicSpec): string {
    return valueSubject(physicalTopic(topic.name, this.namespace));
  }

  /**
   * Registers (idempotently) the value schema of a topic and returns its registry id. The subject's compatibility
   * is set first: the client sets it only after a subject's first registration, and a subject registered without
   * it (another process's registration in between, or one that stopped there) reads as NONE, which the client
   * then refuses on every later start.
   */
  schemaId(topic: TopicSpec): Promise<number> {
    let id = this.ids.get(topic.name);
    if (!id) {
      const schema = this.schemaOf(topic);
      const subject = this.subjectOf(topic);
      id = this.setCompatibility(subject, COMPATIBILITY.BACKWARD)
        .then(() =>
          this.registry.register(
            { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
            { subject, compatibility: COMPATIBILITY.BACKWARD },
          ),
        )
        .then(({ id: registered }) => {
          this.logger.log({ subject, schemaId: registered, msg: 'schema registered' });
          return registered;
        });
      id.catch(() => this.ids.delete(topic.name));
      this.ids.set(topic.name, id);
    }
    return id;
  }

  async encode(topic: TopicSpec, event: AnyEvent): Promise<Buffer> {
    const schema = this.schemaOf(topic);
    let id: number;
    try {
      id = await this.schemaId(topic);
    } catch (error) {
      throw new DependencyUnavailableError(
        'schema-registry',
        'The schema registry could not be reached. Retry the request.',
        5,
        errorMessage(error),
      );
    }
    const { type, payload, ...envelope } = event;
    // avsc ('auto') leaves a union of a single record unwrapped: such a payload is encoded as the record itself.
    const branches = schema.fields?.find((f) => f.name === 'payload')?.type;
    const single = Array.isArray(branches) && branches.length === 1;
    return this.registry.encode(id, { ...envelope, payload: single ? payload : { [`${schema.namespace}.${type}`]: payload } });
  }

  /** Sets a subject's compatibility level (idempotent; the subject need not exist yet). */
  private async setCompatibility(subject: string, compatibility: COMPATIBILITY): Promise<void> {
    const res = await fetch(`${this.url}/config/${encodeURIComponent(subject)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility }),
      signal: AbortSignal.timeout(REGISTRY_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`the schema registry answered ${res.status} to setting ${subject}'s compatibility: ${await res.text()}`);
  }

  /** Liveness of the registry: its subject list answers. */
  async ping(): Promise<void> {
    const res = await fetch(`${this.url}/subjects`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`schema registry answered ${res.status}`);
  }

  /** The cached type of the buffer's writer schema (the same avsc type the registry client would decode it with). */
  private knownWriterType(buffer: Buffer): AvroType | undefined {
    const id = wireSchemaId(buffer);
    return id === undefined ? undefined : this.writerTypes.get(id);
  }

  /** Decodes through the registry client (which fetches the schema once), then keeps its type for the next messages. */
  private async decodeAndLearn(buffer: Buffer): Promise<Record<string, unknown>> {
    const raw = (await this.registry.decode(buffer)) as Record<string, unknown>;
    const id = wireSchemaId(buffer)!;
    this.writerTypes.set(id, (await this.registry.getSchema(id)) as unknown as AvroType);
    return raw;
  }

  async decode<E extends AnyEvent = AnyEvent>(buffer: Buffer): Promise<E> {
    const known = this.knownWriterType(buffer);
    let raw: Record<string, unknown>;
    try {
      raw = known ? (known.fromBuffer(buffer.subarray(5)) as Record<string, unknown>) : await this.decodeAndLearn(buffer);
    } catch (error) {
      if (isRegistryDown(error)) {
        throw new DependencyUnavailableError(
          'schema-registry',
          'The schema registry could not be reached. Retry shortly.',
          5,
          errorMessage(error),
        );
      }
      throw new UndecodableEventError(`cannot decode message: ${errorMessage(error)}`);
    }
    const wrapped = raw.payload as Record<string, unknown> | null;
    const recordName = unwrappedRecordName(wrapped);
    if (recordName) {
      return { ...(raw as unknown as EventEnvelope), type: recordName.split('.').pop()!, payload: { ...wrapped } } as E;
    }
    const branch = wrapped && typeof wrapped === 'object' ? Object.keys(wrapped) : [];
    if (branch.length !== 1) throw new UndecodableEventError('decoded event has no payload branch');
    const type = branch[0].split('.').pop()!;
    return { ...(raw as unknown as EventEnvelope), type, payload: { ...(wrapped![branch[0]] as object) } } as E;
  }
}

/** The Confluent wire format: magic byte 0, then the writer schema's registry id (4 bytes, big-endian). */
function wireSchemaId(buffer: Buffer): number | undefined {
  return buffer.length >= 5 && buffer[0] === 0 ? buffer.readInt32BE(1) : undefined;
}

/** The record name of a payload that avsc decoded unwrapped (a union of a single record), else null. */
function unwrappedRecordName(value: unknown): string | null {
  const type = (value as { constructor?: { type?: { typeName?: string; name?: string } } } | null)?.constructor?.type;
  if (type?.typeName !== 'record' || !type.name) return null;
  // A wrapped union's branch object also carries its record type, but holds it under its one key.
  const keys = Object.keys(value as object);
  return keys.length === 1 && keys[0] === type.name ? null : type.name;
}

function isRegistryDown(error: unknown): boolean {
  const text = errorMessage(error);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|status 5\d\d/i.test(text);
}
