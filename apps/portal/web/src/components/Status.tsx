/** Loading, empty and error states, the same on every page. Errors show the API's own words. */
import { ModelstreamError } from '@sdk/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** The message a person should read for an error: the API's `message` (what went wrong and what to do). */
export function errorMessage(error: unknown): string {
  if (error instanceof ModelstreamError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (error === undefined || error === null) return null;
  const status = error instanceof ModelstreamError && error.status ? ` (${error.status})` : '';
  return (
    <div className="error" role="alert">
      <span>
        {errorMessage(error)}
        {status}
      </span>
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss the error">
          ×
        </button>
      )}
    </div>
  );
}
