/** The SDK's HTTP layer: base URL, the Bearer key, JSON in and out, typed errors, retries of 503/429/no answer. */
import { errorFromResponse, ModelstreamError, networkError } from './errors';
import { DEFAULT_RETRY, retryDecision, type RetryPolicy, sleep as realSleep } from './retry';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue | QueryValue[]>;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** Whether sending it again after no answer is safe (default: true for GET/PUT/DELETE, false for POST). */
  idempotent?: boolean;
  /** false: one attempt only. */
  retry?: boolean;
  /** Per attempt; 0 = none (streams). Default 60 s. */
  timeoutMs?: number;
  accept?: string;
  /** Called before each retry (for progress output). */
  onRetry?: (error: ModelstreamError, attempt: number, delayMs: number) => void;
}

export interface HttpInit {
  baseUrl: string;
  apiKey?: string;
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  /** Replaceable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: string;
}

export class HttpClient {
  readonly baseUrl: string;
  private readonly apiKey?: string;
  private readonly fetchImpl: FetchLike;
  readonly retryPolicy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly userAgent: string;

  constructor(init: HttpInit) {
    this.baseUrl = init.baseUrl.replace(/\/+$/, '');
    this.apiKey = init.apiKey;
    this.fetchImpl = init.fetch ?? ((input, requestInit) => fetch(input, requestInit));
    this.retryPolicy = { ...DEFAULT_RETRY, ...init.retry };
    this.sleep = init.sleep ?? realSleep;
    this.userAgent = init.userAgent ?? 'modelstream-client';
  }

  url(path: string, query?: RequestOptions['query']): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null) url.searchParams.append(key, String(v));
    }
    return url.toString();
  }

  /** Sends a request and returns its parsed JSON body (undefined for an empty one); non-2xx throws a typed error. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    const text = await res.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }

  /** Sends a request with retries; returns the 2xx Response unread (for streams), else throws a typed error. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = this.url(path, options.query);
    const idempotent = options.idempotent ?? method !== 'POST';
    const policy = options.retry === false ? { ...this.retryPolicy, attempts: 1 } : this.retryPolicy;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, url, options);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const typed = error instanceof ModelstreamError ? error : networkError(error, { method, url });
        const decision = retryDecision(typed, attempt, policy, { idempotent });
        if (!decision.retry) throw typed;
        options.onRetry?.(typed, attempt, decision.delayMs);
        await this.sleep(decision.delayMs, options.signal);
      }
    }
  }

  private async once(method: string, url: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json', 'user-agent': this.userAgent };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let body: RequestInit['body'];
    if (options.form) body = options.form;
    else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const timeoutMs = options.timeoutMs ?? 60_000;
    const signals = [options.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    // Not even started once the caller gave up (undici also trips over a FormData body with an aborted signal).
    options.signal?.throwIfAborted();
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method, headers, body, signal });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      throw networkError(error, { method, url });
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    throw errorFromResponse(res.status, parsed, { retryAfter: res.headers.get('retry-after'), method, url, statusText: res.statusText });
  }
}
