/**
 * The chaos suite's load: concurrent chunked uploads of a real file (the penguins rows, in an order of their own
 * per upload), some of them requesting a training on their last chunk, sent as a careful client would — a 503
 * is retried after its Retry-After, a 409 "still being processed" after a moment, a resent chunk is safe — and
 * every answer the platform gave is kept for the invariants (no 5xx but a 503 with Retry-After).
 */
import { postChunk, sha256Hex, splitIntoChunks } from '../support/ingest-client';
import { penguinsCsv } from '../support/datasets-client';

/** One HTTP answer (or a request that got none) the load saw. */
export interface Answer {
  what: string;
  status: number | 'no answer';
  retryAfter: string | null;
  at: number;
  detail?: string;
}

/** A chunk the platform acknowledged (200): it must stay readable, byte for byte. */
export interface AckedChunk {
  trackingId: string;
  chunkIndex: number;
  sha256: string;
}

export interface UploadPlan {
  label: string;
  /** The training settings of chunk 0; absent: the upload only stores a dataset (train=false). */
  training?: { modelType: string; params: Record<string, unknown>; modelName: string };
}

export interface UploadOutcome {
  plan: UploadPlan;
  trackingId: string | null;
  chunks: number;
  /** Why it did not finish (a 4xx it should not have got, or its deadline). */
  error: string | null;
}

const CHUNKS_PER_UPLOAD = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Workload {
  readonly answers: Answer[] = [];
  readonly acked: AckedChunk[] = [];
  /** The uploads that asked for a training, once chunk 0 was acknowledged. */
  readonly trainingIds = new Set<string>();

  constructor(
    private readonly ingestUrl: string,
    private readonly run: string,
  ) {}

  /** Every upload of `plans` at once; resolves when each has finished or given up (`deadlineMs` per upload). */
  uploadAll(plans: UploadPlan[], deadlineMs: number): Promise<UploadOutcome[]> {
    return Promise.all(plans.map((plan) => this.upload(plan, deadlineMs)));
  }

  record(answer: Answer): void {
    this.answers.push(answer);
  }

  private async upload(plan: UploadPlan, deadlineMs: number): Promise<UploadOutcome> {
    // rows in an order of this upload's own: datasets are unique per content, and each upload is its own dataset
    const chunks = splitIntoChunks(penguinsCsv(sha256Hex(Buffer.from(`${this.run}-${plan.label}`)).slice(0, 8)), CHUNKS_PER_UPLOAD);
    const filename = `chaos-${this.run}-${plan.label}.csv`;
    const deadline = Date.now() + deadlineMs;
    const settings = plan.training
      ? {
          target: 'species',
          modelType: plan.training.modelType,
          params: JSON.stringify(plan.training.params),
          modelName: plan.training.modelName,
          train: 'true',
        }
      : { train: 'false' };
    let trackingId: string | undefined;
    for (let index = 0; index < chunks.length; index++) {
      const fields = { filename, chunkIndex: index, totalChunks: chunks.length, trackingId, ...(index === 0 ? settings : {}) };
      for (;;) {
        if (Date.now() > deadline)
          return { plan, trackingId: trackingId ?? null, chunks: chunks.length, error: `chunk ${index}: deadline` };
        const answer = await this.send(`chunk ${index} of ${plan.label}`, () => postChunk(this.ingestUrl, fields, chunks[index]));
        if (!answer) continue;
        if (answer.status === 200) {
          trackingId = answer.body.trackingId;
          if (plan.training) this.trainingIds.add(trackingId);
          this.acked.push({ trackingId, chunkIndex: index, sha256: sha256Hex(chunks[index]) });
          break;
        }
        const retryable = answer.status === 503 || (answer.status === 409 && /still being processed/.test(String(answer.body.message)));
        if (!retryable) {
          const error = `chunk ${index} answered ${answer.status}: ${JSON.stringify(answer.body)}`;
          return { plan, trackingId: trackingId ?? null, chunks: chunks.length, error };
        }
        await sleep(Math.min(2000, 1000 * Number(answer.headers.get('retry-after') ?? 1)));
      }
    }
    return { plan, trackingId: trackingId ?? null, chunks: chunks.length, error: null };
  }

  /** One request, its answer recorded; null (after a pause) when none came. */
  async send<T extends { status: number; headers: Headers; body: unknown }>(what: string, request: () => Promise<T>): Promise<T | null> {
    try {
      const answer = await request();
      this.record({ what, status: answer.status, retryAfter: answer.headers.get('retry-after'), at: Date.now() });
      return answer;
    } catch (error) {
      this.record({ what, status: 'no answer', retryAfter: null, at: Date.now(), detail: String(error) });
      await sleep(1000);
      return null;
    }
  }
}

/** The answers that break the rule: any 5xx but a 503 with Retry-After, and requests left unanswered. */
export function badAnswers(answers: Answer[]): Answer[] {
  return answers.filter((a) => a.status === 'no answer' || (a.status >= 500 && !(a.status === 503 && a.retryAfter)));
}
