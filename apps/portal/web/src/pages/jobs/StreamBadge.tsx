/** Whether the table is live: the all-jobs stream is open, being opened, or waiting to reconnect. */
import { useEffect, useState } from 'react';
import type { StreamState } from './useAllJobsStream';

export function StreamBadge({ state }: { state: StreamState }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.kind !== 'waiting') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state.kind]);

  if (state.kind === 'live') {
    return (
      <span className="stream-badge live" role="status" title="Changes appear as they happen">
        ● Live
      </span>
    );
  }
  if (state.kind === 'connecting') {
    return (
      <span className="stream-badge" role="status">
        Connecting to live updates…
      </span>
    );
  }
  const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
  return (
    <span className="stream-badge waiting" role="status" title={state.error}>
      Live updates lost ({state.error}); reconnecting in {seconds} s
    </span>
  );
}
