/** consumerGroupsView / partitionLag: which groups are ours, lag per partition and topic, the answer's order. */
import type { ConsumerGroupsSnapshot, GroupSnapshot } from '@modelstream/kafka';
import { consumerGroupsView, partitionLag } from './consumer-lag';

const UPLOADS = 'modelstream.upload-chunks';
const REQUESTS = 'modelstream.training-requests';
const checkedAt = new Date('2025-11-30T12:00:00.000Z');

const watermarks = [
  {
    topic: UPLOADS,
    partitions: [
      { partition: 1, low: '0', high: '40' },
      { partition: 0, low: '5', high: '100' },
    ],
  },
  { topic: REQUESTS, partitions: [{ partition: 0, low: '0', high: '7' }] },
];

const group = (groupId: string, over: Partial<GroupSnapshot> = {}): GroupSnapshot => ({
  groupId,
  state: 'Stable',
  members: [],
  committed: [],
  ...over,
});

describe('partitionLag', () => {
  it('is the end offset minus the committed offset', () => {
    expect(partitionLag('90', '5', '100')).toBe(10);
    expect(partitionLag('100', '5', '100')).toBe(0);
  });

  it('counts from the low watermark when the group never committed ("-1" or no entry)', () => {
    expect(partitionLag('-1', '5', '100')).toBe(95);
    expect(partitionLag(undefined, '0', '40')).toBe(40);
  });

  it('counts from the low watermark when retention removed messages below the committed offset, and is never negative', () => {
    expect(partitionLag('2', '5', '100')).toBe(95);
    expect(partitionLag('120', '0', '100')).toBe(0);
  });
});

describe('consumerGroupsView', () => {
  it('gives each group its lag per partition, per topic and in total, partitions in order', () => {
    const snapshot: ConsumerGroupsSnapshot = {
      topics: watermarks,
      groups: [
        group('modelstream-status-projector-v2', {
          committed: [
            {
              topic: UPLOADS,
              partitions: [
                { partition: 0, offset: '97' },
                { partition: 1, offset: '-1' },
              ],
            },
            { topic: REQUESTS, partitions: [{ partition: 0, offset: '7' }] },
          ],
        }),
      ],
    };
    expect(consumerGroupsView(snapshot, checkedAt)).toEqual({
      checkedAt: '2025-11-30T12:00:00.000Z',
      groups: [
        {
          groupId: 'modelstream-status-projector-v2',
          state: 'Stable',
          lag: 43,
          members: [],
          topics: [
            {
              topic: REQUESTS,
              lag: 0,
              partitions: [{ partition: 0, committedOffset: 7, endOffset: 7, lag: 0 }],
            },
            {
              topic: UPLOADS,
              lag: 43,
              partitions: [
                { partition: 0, committedOffset: 97, endOffset: 100, lag: 3 },
                { partition: 1, committedOffset: null, endOffset: 40, lag: 40 },
              ],
            },
          ],
        },
      ],
    });
  });

  it('shows a group that committed nothing yet through its members’ assignments, lag counted from the oldest message', () => {
    const snapshot: ConsumerGroupsSnapshot = {
      topics: watermarks,
      groups: [
        group('modelstream-trainer', {
          state: 'Stable',
          members: [
            { memberId: 'm-b', clientId: 'trainer-b', host: '/10.0.0.2', assignment: [] },
            { memberId: 'm-a', clientId: 'trainer-a', host: '/10.0.0.1', assignment: [{ topic: REQUESTS, partitions: [0] }] },
          ],
          committed: [{ topic: REQUESTS, partitions: [{ partition: 0, offset: '-1' }] }],
        }),
      ],
    };
    const [trainer] = consumerGroupsView(snapshot, checkedAt).groups;
    expect(trainer.members.map((m) => m.clientId)).toEqual(['trainer-a', 'trainer-b']);
    expect(trainer.members[0]).toEqual({
      memberId: 'm-a',
      clientId: 'trainer-a',
      host: '/10.0.0.1',
      topics: [{ topic: REQUESTS, partitions: [0] }],
    });
    expect(trainer.topics).toEqual([
      { topic: REQUESTS, lag: 7, partitions: [{ partition: 0, committedOffset: null, endOffset: 7, lag: 7 }] },
    ]);
  });

  it('leaves out groups that read none of the topics (another system’s group), and orders the rest by groupId', () => {
    const snapshot: ConsumerGroupsSnapshot = {
      topics: watermarks,
      groups: [
        group('modelstream-trainer', { state: 'Empty', committed: [{ topic: REQUESTS, partitions: [{ partition: 0, offset: '3' }] }] }),
        group('apicurio-1234', { committed: [{ topic: UPLOADS, partitions: [{ partition: 0, offset: '-1' }] }] }),
        group('other-app', {
          members: [{ memberId: 'x', clientId: 'x', host: '/h', assignment: [{ topic: 'other.topic', partitions: [0] }] }],
        }),
        group('modelstream-catalog-projector', { committed: [{ topic: UPLOADS, partitions: [{ partition: 1, offset: '40' }] }] }),
      ],
    };
    const view = consumerGroupsView(snapshot, checkedAt);
    expect(view.groups.map((g) => [g.groupId, g.state, g.lag])).toEqual([
      ['modelstream-catalog-projector', 'Stable', 95],
      ['modelstream-trainer', 'Empty', 4],
    ]);
  });

  it('answers an empty list when the namespace has no groups', () => {
    expect(consumerGroupsView({ topics: watermarks, groups: [] }, checkedAt)).toEqual({ checkedAt: checkedAt.toISOString(), groups: [] });
  });
});
