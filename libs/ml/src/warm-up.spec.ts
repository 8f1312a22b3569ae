import { warmUpLoadPath } from './warm-up';

describe('warmUpLoadPath', () => {
  it('loads and prepares its generated tables (a failing read or preparation throws)', async () => {
    const ms = await warmUpLoadPath(300);
    expect(ms).toBeGreaterThan(0);
  });
});
