/**
 * System: each app's health checks refreshing on their own, the trainer instances and consumer lag, and the
 * dead letters with republish.
 */
import { ConsumersPanel } from './ConsumersPanel';
import { DeadLettersPanel } from './DeadLettersPanel';
import { HealthPanel } from './HealthPanel';
import './system.css';

export default function SystemPage() {
  return (
    <section className="system-page" aria-labelledby="system-title">
      <h1 id="system-title">System</h1>
      <h2>Apps</h2>
      <HealthPanel />
      <ConsumersPanel />
      <DeadLettersPanel />
    </section>
  );
}
