/**
 * Signing in with an API key. The pages render at once while the portal asks `GET /api/auth/me` who the stored
 * key is: with AUTH=off anyone is the local owner and nothing changes; with AUTH=required a missing, wrong or
 * revoked key gets the sign-in form instead of the pages, and a valid one shows its owner in the top bar with a
 * way to sign out.
 */
import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { ModelstreamError } from '@sdk/errors';
import { apiKey, getJson, setApiKey } from '../api/client';

export interface WhoAmI {
  auth: 'required' | 'off';
  ownerId: string;
  keyName: string;
  keyId: string;
  scopes: string[];
  admin: boolean;
}

type Access = { kind: 'checking' } | { kind: 'signed-in'; me: WhoAmI } | { kind: 'needs-key'; problem?: string };

const AccessContext = createContext<{ me: WhoAmI | null; signOut: () => void }>({ me: null, signOut: () => undefined });

/** Who is signed in (null while checking or signed out). */
export const useAccess = () => useContext(AccessContext);

async function whoAmI(): Promise<Access> {
  try {
    return { kind: 'signed-in', me: await getJson<WhoAmI>('/api/auth/me') };
  } catch (error) {
    if (error instanceof ModelstreamError && error.status === 401) {
      return { kind: 'needs-key', problem: apiKey() ? 'This key is not valid or was revoked. Ask an admin for a new one.' : undefined };
    }
    throw error;
  }
}

export function AccessGate({ children }: { children: ReactNode }) {
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  const [failure, setFailure] = useState<string>();
  const check = useCallback(() => {
    whoAmI().then(setAccess, (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, []);
  useEffect(check, [check]);
  const signOut = useCallback(() => {
    setApiKey(undefined);
    setAccess({ kind: 'needs-key' });
  }, []);

  if (access.kind === 'needs-key') {
    return (
      <SignIn
        problem={access.problem}
        onKey={(key) => {
          setApiKey(key);
          check();
        }}
      />
    );
  }
  // While the answer is on its way the pages render as usual (no request is added before the first render); a
  // platform that turns out to need a key replaces them with the sign-in form.
  const me = access.kind === 'signed-in' ? access.me : null;
  return (
    <AccessContext.Provider value={{ me, signOut }}>
      {failure && (
        <p role="alert" className="access-failure">
          Who you are could not be checked: {failure}
        </p>
      )}
      {children}
    </AccessContext.Provider>
  );
}

function SignIn({ problem, onKey }: { problem?: string; onKey: (key: string) => void }) {
  const [value, setValue] = useState('');
  const id = useId();
  return (
    <section className="signin" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Sign in</h1>
      <p>
        This platform asks for an API key. An admin creates one with <code>npm run keys -- create</code>.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onKey(value.trim());
        }}
      >
        <label htmlFor={id}>API key</label>
        <input id={id} type="password" autoComplete="off" placeholder="msk_…" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" disabled={!value.trim()}>
          Sign in
        </button>
      </form>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}

/** The top bar's corner: who is signed in and how to sign out (nothing to show with AUTH=off). */
export function SignedIn() {
  const { me, signOut } = useAccess();
  if (!me || me.auth === 'off') return null;
  return (
    <div className="signed-in">
      <span title={`key ${me.keyName} (${me.keyId}), scopes ${me.scopes.join(', ')}`}>
        {me.ownerId}
        {me.admin ? ' · admin' : ''}
      </span>
      <button type="button" className="secondary" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}
