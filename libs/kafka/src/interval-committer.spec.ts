import type { OffsetsByTopicPartition } from 'kafkajs';
import { IntervalCommitter } from './interval-committer';

/** A runner's offset manager: offsets resolved by the handlers, and those committed to the broker. */
class FakeRunner {
  resolved = new Map<string, string>();
  readonly commits: OffsetsByTopicPartition[] = [];
  failNext = false;
  release?: () => void;
  hold = false;

  resolve(topic: string, partition: number, offset: number): void {
    this.resolved.set(`${topic}:${partition}`, String(offset + 1));
  }

  uncommittedOffsets = (): OffsetsByTopicPartition => {
    const committed = new Map(
      this.commits.flatMap((c) => c.topics.flatMap((t) => t.partitions.map((p) => [`${t.topic}:${p.partition}`, p.offset]))),
    );
    const topics = new Map<string, { partition: number; offset: string }[]>();
    for (const [key, offset] of this.resolved) {
      if (committed.get(key) === offset) continue;
      const [topic, partition] = key.split(':');
      topics.set(topic, [...(topics.get(topic) ?? []), { partition: Number(partition), offset }]);
    }
    return { topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) };
  };

  commitOffsetsIfNecessary = async (offsets?: OffsetsByTopicPartition): Promise<void> => {
    if (this.hold) await new Promise<void>((r) => (this.release = r));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('The coordinator is not aware of this member');
    }
    this.commits.push(offsets!);
  };
}

describe('IntervalCommitter', () => {
  const warnings: unknown[] = [];
  const logger = { warn: (m: unknown) => void warnings.push(m) };
  let committer: IntervalCommitter;

  beforeEach(() => {
    jest.useFakeTimers();
    warnings.length = 0;
    committer = new IntervalCommitter(500, logger);
  });
  afterEach(async () => {
    await committer.stop();
    jest.useRealTimers();
  });

  it('commits what the batches resolved once per interval, not once per batch', async () => {
    const runner = new FakeRunner();
    for (let offset = 0; offset < 5; offset++) {
      committer.track(runner);
      runner.resolve('t', 0, offset);
    }
    runner.resolve('t', 1, 9);
    expect(runner.commits).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(500);
    expect(runner.commits).toEqual([
      {
        topics: [
          {
            topic: 't',
            partitions: [
              { partition: 0, offset: '5' },
              { partition: 1, offset: '10' },
            ],
          },
        ],
      },
    ]);
    // nothing new: no commit on the next ticks
    await jest.advanceTimersByTimeAsync(1500);
    expect(runner.commits).toHaveLength(1);
  });

  it('commits on stop what was handled since the last tick, and nothing after', async () => {
    const runner = new FakeRunner();
    committer.track(runner);
    runner.resolve('t', 0, 3);
    await committer.stop();
    expect(runner.commits.at(-1)).toEqual({ topics: [{ topic: 't', partitions: [{ partition: 0, offset: '4' }] }] });
    runner.resolve('t', 0, 4);
    await jest.advanceTimersByTimeAsync(2000);
    expect(runner.commits).toHaveLength(1);
  });

  it('keeps one commit in flight at a time and retries a failed one on the next tick', async () => {
    const runner = new FakeRunner();
    committer.track(runner);
    runner.resolve('t', 0, 0);
    runner.hold = true;
    await jest.advanceTimersByTimeAsync(500);
    await jest.advanceTimersByTimeAsync(500); // the first is still in flight: no second one
    runner.hold = false;
    runner.failNext = true;
    runner.release!();
    await jest.advanceTimersByTimeAsync(0);
    expect(runner.commits).toHaveLength(0);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'offset commit failed; retrying on the next tick' })]);
    await jest.advanceTimersByTimeAsync(500);
    expect(runner.commits).toEqual([{ topics: [{ topic: 't', partitions: [{ partition: 0, offset: '1' }] }] }]);
  });

  it('commits nothing for a runner it was told to forget (a crash)', async () => {
    const runner = new FakeRunner();
    committer.track(runner);
    runner.resolve('t', 0, 0);
    committer.forget();
    await jest.advanceTimersByTimeAsync(1000);
    await committer.stop();
    expect(runner.commits).toHaveLength(0);
  });
});
