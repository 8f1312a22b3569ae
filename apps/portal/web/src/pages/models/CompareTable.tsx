/**
 * Versions side by side: metrics then hyperparameters as rows, one column per picked version, the best value
 * of each metric marked (by its direction: losses and errors lower, scores higher) and differing params flagged.
 */
import { Fragment, type ReactNode } from 'react';
import { Empty } from '../../components/Status';
import { compareVersions, type CompareRow } from '../../lib/models/compare';
import type { VersionDetail } from '../../lib/models/types';

export function CompareTable({ versions }: { versions: VersionDetail[] }) {
  if (versions.length === 0) return <Empty>Tick two or more versions above to compare their metrics and hyperparameters.</Empty>;
  const rows = compareVersions(
    versions.map((v) => ({ version: v.version, metrics: v.metrics ?? {}, params: v.params ?? {}, modelType: v.modelType })),
  );
  const metrics = rows.filter((r) => r.section === 'metric');
  const params = rows.filter((r) => r.section === 'param');
  return (
    <>
      {versions.length === 1 && <p className="hint">Tick another version above to compare it side by side with v{versions[0].version}.</p>}
      <div className="table-wrap">
        <table className="compare-table" aria-labelledby="compare-heading">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Metric or hyperparameter</span>
              </th>
              {versions.map((v) => (
                <th key={v.version} scope="col" className="num">
                  v{v.version}
                  {v.aliases.map((a) => (
                    <span key={a} className="badge alias">
                      @{a}
                    </span>
                  ))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Section title="Validation metrics" rows={metrics} columns={versions.length} empty="No metrics recorded for these versions." />
            <Section
              title="Hyperparameters"
              rows={params}
              columns={versions.length}
              empty="No hyperparameters recorded for these versions."
            />
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Long names and lists (e.g. the features) may wrap after each comma or underscore, and names inside camelCase. */
function breakable(text: string, camelCase = false): ReactNode {
  const parts = text.split(camelCase ? /(?<=[,_])|(?<=[a-z])(?=[A-Z])/ : /(?<=[,_])/);
  return parts.length === 1
    ? text
    : parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ));
}

function Section({ title, rows, columns, empty }: { title: string; rows: CompareRow[]; columns: number; empty: string }) {
  return (
    <>
      <tr className="section-row">
        <th scope="colgroup" colSpan={columns + 1}>
          {title}
        </th>
      </tr>
      {rows.length === 0 && (
        <tr>
          <td colSpan={columns + 1} className="empty">
            {empty}
          </td>
        </tr>
      )}
      {rows.map((row) => (
        <tr key={`${row.section}:${row.name}`} className={row.section === 'param' && row.differs ? 'differs' : undefined}>
          <th scope="row">
            {breakable(row.name, true)}
            {row.direction && (
              <span className="hint direction"> {row.direction === 'lower' ? '↓ lower is better' : '↑ higher is better'}</span>
            )}
            {row.section === 'param' && row.differs && <span className="hint direction"> differs</span>}
          </th>
          {row.cells.map((cell, i) => {
            const best = row.best.includes(i);
            return (
              <td key={i} className={[row.section === 'metric' ? 'num' : 'text', best ? 'best' : ''].join(' ').trim()}>
                {cell === undefined ? <span className="muted">—</span> : breakable(cell)}
                {best && (
                  <span className="best-mark" aria-label="best">
                    {' '}
                    ★
                  </span>
                )}
              </td>
            );
          })}
        </tr>
      ))}
    </>
  );
}
