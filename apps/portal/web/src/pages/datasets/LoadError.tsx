/** A failed load: the API's words, and a button to ask again. */
import { ErrorBanner } from '../../components/Status';

export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  if (error === undefined || error === null) return null;
  return (
    <div className="load-error">
      <ErrorBanner error={error} />
      <button type="button" className="secondary" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
