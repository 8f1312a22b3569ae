/**
 * A model's aliases: each shown with the version it points at, movable to another version and removable; and a
 * form that sets a new alias (or moves an existing one) on a version. Names are checked as the API checks them
 * before anything is sent.
 */
import { useId, useState } from 'react';
import { aliasProblem } from '../../lib/models/model-ref';
import type { AliasDeleted, AliasSet, ModelDetail } from '../../lib/models/types';
import type { ModelActions } from './ModelDetailView';

interface Props {
  model: ModelDetail;
  actions: ModelActions;
  onSet: (alias: string, version: string) => Promise<AliasSet>;
  onDelete: (alias: string) => Promise<AliasDeleted>;
}

export function AliasEditor({ model, actions, onSet, onDelete }: Props) {
  const ready = model.versions.filter((v) => v.status === 'READY').map((v) => v.version);
  const aliases = Object.entries(model.aliases).sort(([a], [b]) => a.localeCompare(b));
  const set = (alias: string, version: string) =>
    actions.run(
      `alias-${alias}`,
      () => onSet(alias, version),
      (a) => `@${a.alias} now points at v${a.version}.`,
    );
  return (
    <div className="aliases">
      {aliases.length === 0 ? (
        <p className="empty">No aliases yet. Give a version one (e.g. champion) and clients can predict by it.</p>
      ) : (
        <ul className="alias-rows">
          {aliases.map(([alias, version]) => (
            <AliasRow key={alias} alias={alias} version={version} versions={ready} actions={actions} onMove={set} onDelete={onDelete} />
          ))}
        </ul>
      )}
      <NewAlias versions={ready} existing={model.aliases} actions={actions} onSet={set} />
    </div>
  );
}

function AliasRow(props: {
  alias: string;
  version: string;
  versions: string[];
  actions: ModelActions;
  onMove: (alias: string, version: string) => Promise<boolean>;
  onDelete: (alias: string) => Promise<AliasDeleted>;
}) {
  const { alias, version, versions, actions } = props;
  const [target, setTarget] = useState(version);
  const id = useId();
  const busy = actions.busy !== undefined;
  return (
    <li className="alias-row">
      <span className="badge alias">@{alias}</span>
      <span>→ v{version}</span>
      <label htmlFor={id} className="inline-label">
        Move to
      </label>
      <select id={id} value={target} onChange={(e) => setTarget(e.target.value)}>
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="secondary small"
        disabled={busy || target === version}
        onClick={() => void props.onMove(alias, target)}
      >
        Move @{alias}
      </button>
      <button
        type="button"
        className="danger small"
        disabled={busy}
        onClick={() =>
          void actions.run(
            `alias-${alias}`,
            () => props.onDelete(alias),
            (a) => `@${a.alias} removed: requests by it now answer 404.`,
          )
        }
      >
        Remove @{alias}
      </button>
    </li>
  );
}

function NewAlias(props: {
  versions: string[];
  existing: Record<string, string>;
  actions: ModelActions;
  onSet: (alias: string, version: string) => Promise<boolean>;
}) {
  const { versions, existing, actions } = props;
  const [alias, setAlias] = useState('');
  const [version, setVersion] = useState('');
  const [touched, setTouched] = useState(false);
  const id = useId();
  const chosen = version || versions[0] || '';
  const name = alias.trim();
  const problem = aliasProblem(name);
  const moving = existing[name] !== undefined && existing[name] !== chosen;
  return (
    <form
      className="alias-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (problem || !chosen) return;
        void props.onSet(name, chosen).then((ok) => {
          if (!ok) return;
          setAlias('');
          setTouched(false);
        });
      }}
    >
      <div className="row">
        <div>
          <label htmlFor={`${id}-alias`}>Alias</label>
          <input
            id={`${id}-alias`}
            value={alias}
            placeholder="champion"
            autoComplete="off"
            list={`${id}-known`}
            aria-invalid={touched && problem !== null}
            aria-describedby={`${id}-error`}
            onChange={(e) => setAlias(e.target.value)}
          />
          <datalist id={`${id}-known`}>
            {Object.keys(existing).map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor={`${id}-version`}>Version</label>
          <select id={`${id}-version`} value={chosen} onChange={(e) => setVersion(e.target.value)}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={actions.busy !== undefined || versions.length === 0}>
          {moving ? `Move @${name} to v${chosen}` : 'Set alias'}
        </button>
      </div>
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {touched && problem}
        {versions.length === 0 && 'No version is READY yet: an alias can point only at a registered version.'}
      </p>
    </form>
  );
}
