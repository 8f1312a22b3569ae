/**
 * One registered model: its versions (cache state, load/unload, serving figures), the side-by-side comparison
 * of the versions picked (`?compare=3,2`, the two newest by default) and its aliases, set, moved and removed
 * through the aliases API. Every change reloads the model, so the page shows what the API now holds.
 */
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { sendJson } from '../../api/client';
import { Empty, ErrorBanner, Loading } from '../../components/Status';
import { pickedVersions } from '../../lib/models/compare';
import type { ModelDetail } from '../../lib/models/types';
import { AliasEditor } from './AliasEditor';
import { CompareTable } from './CompareTable';
import { AliasBadges } from './ModelsPage';
import { useJson } from '../../api/use-json';
import { VersionsTable } from './VersionsTable';

/** Runs one change against the API: busy while it runs, its error or its outcome shown, then a reload. */
export interface ModelActions {
  busy: string | undefined;
  run: <T>(label: string, action: () => Promise<T>, done: (answer: T) => string) => Promise<boolean>;
}

export function ModelDetailView({ name }: { name: string }) {
  const path = `/api/models/${encodeURIComponent(name)}`;
  const { data, error, loading, reload } = useJson<ModelDetail>(path);
  const [search, setSearch] = useSearchParams();
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const run = useCallback(
    async <T,>(label: string, action: () => Promise<T>, done: (answer: T) => string) => {
      setBusy(label);
      setActionError(undefined);
      setNotice(undefined);
      try {
        setNotice(done(await action()));
        return true;
      } catch (e) {
        setActionError(e);
        return false;
      } finally {
        setBusy(undefined);
        reload();
      }
    },
    [reload],
  );

  const versions = data?.versions ?? [];
  // the address holds the picked versions; a tick shows at once, while the navigation to the new address is
  // still pending (the router runs it in a transition), and the address rules again once it changed
  const param = search.get('compare');
  const [ticked, setTicked] = useState<{ from: string | null; picked: string[] }>();
  const picked =
    ticked && ticked.from === param
      ? ticked.picked
      : pickedVersions(
          param,
          versions.map((v) => v.version),
        );
  const setPicked = (next: string[]) => {
    setTicked({ from: param, picked: next });
    const q = new URLSearchParams(search);
    q.set('compare', next.join(','));
    setSearch(q, { replace: true });
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/models">← All models</Link>
      </p>
      <div className="model-head">
        <h1>
          Model <span className="model-name">{name}</span>
        </h1>
        {data && versions.length > 0 && (
          <Link className="button-link" to={`/predict?model=${encodeURIComponent(name)}`}>
            Predict with {name}
          </Link>
        )}
      </div>
      {data?.description && <p>{data.description}</p>}
      <ErrorBanner error={error} onDismiss={reload} />
      {/* kept in view while scrolled: the buttons that cause them sit further down */}
      <div className="feedback">
        <ErrorBanner error={actionError} onDismiss={() => setActionError(undefined)} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </div>
      {loading && <Loading label={`Loading ${name}…`} />}
      {data && versions.length === 0 && <Empty>{name} has no versions yet: a completed training registers one.</Empty>}
      {data && versions.length > 0 && (
        <>
          <p className="muted">
            {versions.length} version{versions.length === 1 ? '' : 's'}
            {data.latestVersion && <>, latest v{data.latestVersion}</>} · aliases: <AliasBadges aliases={data.aliases} />
          </p>
          <h2>Versions</h2>
          <VersionsTable model={data} picked={picked} onPick={setPicked} actions={{ busy, run }} />
          <h2 id="compare-heading">Compare versions</h2>
          <CompareTable versions={versions.filter((v) => picked.includes(v.version))} />
          <h2>Aliases</h2>
          <AliasEditor
            model={data}
            actions={{ busy, run }}
            onSet={(alias, version) => sendJson('PUT', `${path}/aliases/${encodeURIComponent(alias)}`, { json: { version } })}
            onDelete={(alias) => sendJson('DELETE', `${path}/aliases/${encodeURIComponent(alias)}`)}
          />
        </>
      )}
    </>
  );
}
