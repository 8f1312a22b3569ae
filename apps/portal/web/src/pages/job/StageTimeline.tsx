/** The stages of a job as an ordered list, each with the time it began when known. */
import type { TimelineStep } from './job-view';

const time = (at?: string) =>
  at ? new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';

export function StageTimeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <ol className="timeline" aria-label="Stages">
      {steps.map((s) => (
        <li key={s.stage} className={`step ${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span className="dot" aria-hidden="true" />
          <span className="stage">{s.stage}</span>
          <time dateTime={s.at}>{time(s.at)}</time>
          <span className="visually-hidden">{s.state}</span>
        </li>
      ))}
    </ol>
  );
}
