/** Set (or move) an alias to the sweep's winner: `PUT /api/models/:name/aliases/:alias` with its version. */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { AliasSet } from '@sdk/types';
import { sendJson } from '../../api/client';
import { ErrorBanner } from '../../components/Status';
import { aliasProblem } from '../../lib/datasets/sweep-grid';

export function SetWinnerAlias({ model, version, suggested }: { model: string; version: string; suggested: string }) {
  const id = useId();
  const [alias, setAlias] = useState(suggested);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<AliasSet>();

  const submit = async () => {
    const name = alias.trim();
    const bad = aliasProblem(name);
    setProblem(bad);
    if (bad) return;
    setSending(true);
    setFailure(undefined);
    try {
      setDone(
        await sendJson<AliasSet>('PUT', `/api/models/${encodeURIComponent(model)}/aliases/${encodeURIComponent(name)}`, {
          json: { version },
        }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="set-alias">
      <div className="row">
        <div className="field">
          <label htmlFor={id}>Alias</label>
          <input
            id={id}
            value={alias}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setAlias(e.target.value)}
          />
        </div>
        <button type="button" disabled={sending} onClick={() => void submit()}>
          {sending ? 'Setting…' : 'Set alias on the winner'}
        </button>
      </div>
      <div id={`${id}-hint`} className={problem ? 'field-error' : 'hint'}>
        {problem ?? `Points ${model}@<alias> at version ${version}; an alias on another version moves here.`}
      </div>
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
      {done && (
        <p className="notice" role="status">
          {done.name}@{done.alias} → version {done.version}.{' '}
          <Link to={`/predict?model=${encodeURIComponent(done.name)}&alias=${encodeURIComponent(done.alias)}`}>Predict with it</Link> ·{' '}
          <Link to={`/models?model=${encodeURIComponent(done.name)}`}>See the model</Link>
        </p>
      )}
    </div>
  );
}
