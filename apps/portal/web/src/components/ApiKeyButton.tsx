/**
 * Where a person gives the portal an API key (sent as `Authorization: Bearer …` on every call and stream).
 * Kept in this browser only; the page reloads so every view asks again with it.
 */
import { useId, useState } from 'react';
import { apiKey, setApiKey } from '../api/client';

export function ApiKeyButton() {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(apiKey() ?? '');
  const id = useId();
  const save = (key: string | undefined) => {
    setApiKey(key);
    window.location.reload();
  };
  return (
    <div className="apikey">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {apiKey() ? 'API key ✓' : 'API key'}
      </button>
      {open && (
        <form
          className="apikey-form"
          onSubmit={(e) => {
            e.preventDefault();
            save(value.trim() || undefined);
          }}
        >
          <label htmlFor={id}>API key (sent as a Bearer token; kept in this browser)</label>
          <input id={id} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
          <div className="row">
            <button type="submit">Save</button>
            <button type="button" className="secondary" onClick={() => save(undefined)}>
              Forget
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
