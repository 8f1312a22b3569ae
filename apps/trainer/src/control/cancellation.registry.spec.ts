import { CancellationRegistry } from './cancellation.registry';

describe('CancellationRegistry', () => {
  it('knows the reason of a cancelled job and nothing of others', () => {
    const cancels = new CancellationRegistry();
    cancels.mark('job-1', 'user pressed stop');
    expect(cancels.reasonFor('job-1')).toBe('user pressed stop');
    expect(cancels.reasonFor('job-2')).toBeNull();
  });

  it('gives an empty reason a wording, and keeps the latest reason of a job', () => {
    const cancels = new CancellationRegistry();
    cancels.mark('job-1', '');
    expect(cancels.reasonFor('job-1')).toBe('cancelled by request');
    cancels.mark('job-1', 'second thoughts');
    expect(cancels.reasonFor('job-1')).toBe('second thoughts');
  });

  it('forgets the oldest cancels beyond its bound, not the recently renewed ones', () => {
    const cancels = new CancellationRegistry();
    for (let i = 0; i < 10_000; i++) cancels.mark(`job-${i}`, 'bulk');
    cancels.mark('job-0', 'renewed'); // moves to the newest end
    cancels.mark('job-new', 'one more');
    expect(cancels.reasonFor('job-0')).toBe('renewed');
    expect(cancels.reasonFor('job-1')).toBeNull();
    expect(cancels.reasonFor('job-2')).toBe('bulk');
    expect(cancels.reasonFor('job-new')).toBe('one more');
  });
});
