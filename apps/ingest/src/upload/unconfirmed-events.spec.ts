import { chunkEventKey, confirmed, eventIdentity, keepUnconfirmed } from './unconfirmed-events';

describe('unconfirmed events', () => {
  const kept = keepUnconfirmed(undefined, chunkEventKey(3), { eventId: 'e-3', timestamp: 1000 }, 'sha-a');

  it('gives the kept identity back for the same fact, a new one for other bytes or another key', () => {
    expect(eventIdentity(kept, 'chunk/3', 'sha-a', 5000)).toEqual({ eventId: 'e-3', timestamp: 1000 });
    const other = eventIdentity(kept, 'chunk/3', 'sha-b', 5000);
    expect(other).toEqual({ eventId: expect.not.stringMatching(/^e-3$/), timestamp: 5000 });
    expect(eventIdentity(kept, 'chunk/4', 'sha-a', 5000).timestamp).toBe(5000);
    expect(eventIdentity(undefined, 'completion', undefined, 7).timestamp).toBe(7);
  });

  it('keeps a completion without a sha256, and forgets an acknowledged event', () => {
    const both = keepUnconfirmed(kept, 'completion', { eventId: 'e-c', timestamp: 2000 });
    expect(both).toEqual({
      'chunk/3': { eventId: 'e-3', timestamp: 1000, sha256: 'sha-a' },
      completion: { eventId: 'e-c', timestamp: 2000 },
    });
    expect(eventIdentity(both, 'completion')).toEqual({ eventId: 'e-c', timestamp: 2000 });
    expect(confirmed(both, 'chunk/3')).toEqual({ completion: { eventId: 'e-c', timestamp: 2000 } });
    expect(confirmed(confirmed(both, 'chunk/3'), 'completion')).toBeUndefined();
    expect(confirmed(undefined, 'completion')).toBeUndefined();
  });
});
