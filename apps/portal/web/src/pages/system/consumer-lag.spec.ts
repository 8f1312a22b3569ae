import { ConsumerGroup, isTrainerGroup, summarizeConsumers } from './consumer-lag';

function group(groupId: string, lags: Record<string, number[]>, members: ConsumerGroup['members'] = []): ConsumerGroup {
  return {
    groupId,
    state: 'Stable',
    lag: Object.values(lags)
      .flat()
      .reduce((s, l) => s + l, 0),
    members,
    topics: Object.entries(lags).map(([topic, parts]) => ({
      topic,
      lag: parts.reduce((s, l) => s + l, 0),
      partitions: parts.map((lag, partition) => ({ partition, committedOffset: 10, endOffset: 10 + lag, lag })),
    })),
  };
}

const member = (clientId: string, partitions: number[]) => ({
  memberId: `${clientId}-m`,
  clientId,
  host: '/127.0.0.1',
  topics: [{ topic: 'test.modelstream.training-requests', partitions }],
});

describe('summarizeConsumers', () => {
  it('lists one row per group and topic, the most behind first, with the total lag', () => {
    const summary = summarizeConsumers({
      checkedAt: '2026-05-04T12:00:00Z',
      groups: [
        group('test.modelstream-status', { 'test.modelstream.training-events': [0, 0, 0] }),
        group('test.modelstream-history', { 'test.modelstream.training-events': [4, 0, 1], 'test.modelstream.upload-chunks': [2] }),
      ],
    });
    expect(summary.totalLag).toBe(7);
    expect(summary.rows.map((r) => [r.groupId, r.topic, r.lag, r.behind, r.partitions])).toEqual([
      ['test.modelstream-history', 'test.modelstream.training-events', 5, 2, 3],
      ['test.modelstream-history', 'test.modelstream.upload-chunks', 2, 1, 1],
      ['test.modelstream-status', 'test.modelstream.training-events', 0, 0, 3],
    ]);
  });

  it("takes the trainer instances from the trainer group's members", () => {
    const summary = summarizeConsumers({
      checkedAt: '2026-05-04T12:00:00Z',
      groups: [
        group('modelstream-trainer-control-abc', {}, [member('ctl', [0])]),
        group('modelstream-trainer', { 'test.modelstream.training-requests': [0, 0] }, [
          member('trainer-b', [1]),
          member('trainer-a', [0]),
        ]),
      ],
    });
    expect(summary.trainerGroup).toBe('modelstream-trainer');
    expect(summary.trainers).toEqual([
      { memberId: 'trainer-a-m', clientId: 'trainer-a', host: '/127.0.0.1', partitions: 'test.modelstream.training-requests [0]' },
      { memberId: 'trainer-b-m', clientId: 'trainer-b', host: '/127.0.0.1', partitions: 'test.modelstream.training-requests [1]' },
    ]);
  });

  it('has no trainers when no trainer group exists', () => {
    expect(summarizeConsumers({ checkedAt: '', groups: [] })).toEqual({ rows: [], totalLag: 0, trainerGroup: null, trainers: [] });
  });

  it('recognises the trainer group with or without a namespace', () => {
    expect(isTrainerGroup('modelstream-trainer')).toBe(true);
    expect(isTrainerGroup('test.modelstream-trainer')).toBe(true);
    expect(isTrainerGroup('test.modelstream-trainer-control-1')).toBe(false);
  });
});
