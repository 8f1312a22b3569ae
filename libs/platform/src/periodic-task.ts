/**
 * A job an app runs every few seconds in the background (the stale-job watchdog, the abandoned-upload
 * sweeper, the sweep promoter): started with the app, never two rounds at once, a failed round logged and
 * left to the next one, the round in progress awaited at shutdown. A subclass says how often and what a
 * round does; `tick()` runs one round now (tests call it).
 */
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  /** Milliseconds between rounds; 0 turns the task off. */
  protected abstract intervalMs(): number;

  /** One round; resolves to how many things it did. */
  protected abstract round(): Promise<number>;

  /** What the task's log lines say when it starts (e.g. its settings). */
  protected startLog(): Record<string, unknown> {
    return {};
  }

  onApplicationBootstrap(): void {
    const every = this.intervalMs();
    if (every <= 0) return;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
    this.logger.log({ ...this.startLog(), intervalMs: every, msg: 'periodic task on' });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round now; never two at once. A failure is logged and counts as 0. */
  tick(): Promise<number> {
    this.running ??= this.round()
      .catch((error: unknown) => {
        this.logger.warn({ err: error instanceof Error ? error.message : String(error), msg: 'round failed; the next round retries' });
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
