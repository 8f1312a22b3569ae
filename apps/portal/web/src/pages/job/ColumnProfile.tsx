/** How the trainer used each column: role (target, feature, ignored), kind, missing cells, levels or classes. */
import { Empty } from '../../components/Status';
import type { ColumnRow } from './job-view';

export function ColumnProfile({ rows, running }: { rows: ColumnRow[]; running: boolean }) {
  if (rows.length === 0) {
    return (
      <Empty>
        {running
          ? 'The column profile appears once the trainer has read the data.'
          : 'No column profile: the trainer did not read the data.'}
      </Empty>
    );
  }
  return (
    <div className="table-wrap">
      <table aria-label="Column profile">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Role</th>
            <th scope="col">Kind</th>
            <th scope="col">Missing</th>
            <th scope="col">Levels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td>{r.name}</td>
              <td>
                <span className={`badge role-${r.role}`}>{r.role}</span>
              </td>
              <td>{r.kind}</td>
              <td>{r.missing ?? '—'}</td>
              <td>{r.levels ?? (r.note ? <span className="muted">{r.note}</span> : '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
