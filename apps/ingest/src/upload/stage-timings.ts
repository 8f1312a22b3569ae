/**
 * Where one request's time went, stage by stage, sent back as a `Server-Timing` header
 * (https://www.w3.org/TR/server-timing/) so a client, a browser's devtools or the ingest bench can see it
 * without a profiler. Costs one performance.now() per stage.
 */
export class StageTimings {
  private readonly stages: Array<[name: string, ms: number]> = [];
  private last = performance.now();

  /**
   * Starts with a stage that ran before this object existed: `ms` (e.g. the request's receipt, from the
   * server's own clock of the request) under `name`.
   */
  static after(name: string, ms: number): StageTimings {
    const timings = new StageTimings();
    timings.stages.push([name, ms]);
    return timings;
  }

  /** Ends the stage running since the previous lap (or since creation) under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.stages.push([name, now - this.last]);
    this.last = now;
  }

  /** `name;dur=1.23, …` with repeated stage names summed, in order of first appearance. */
  header(): string {
    const sums = new Map<string, number>();
    for (const [name, ms] of this.stages) sums.set(name, (sums.get(name) ?? 0) + ms);
    return [...sums].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
  }
}
