/** The first rows of a CSV with each column's detected type and missing count. */
import type { PreviewColumn } from '../../lib/upload/csv-preview';

export function CsvPreviewTable({
  columns,
  rows,
  target,
  caption,
}: {
  columns: PreviewColumn[];
  rows: (string | null)[][];
  target?: string;
  caption: string;
}) {
  return (
    <figure className="preview-figure">
      <figcaption id="preview-caption">{caption}</figcaption>
      <div className="table-wrap preview">
        <table aria-labelledby="preview-caption">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col" className={c.name === target ? 'target' : undefined}>
                  <span className="col-name">{c.name}</span>
                  <span className={`col-type ${c.type}`}>{c.type}</span>
                  <span className="col-missing">{c.missing} missing</span>
                  {c.name === target && <span className="col-target">target</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((c, j) => (
                  <td key={c.name} className={c.name === target ? 'target' : undefined}>
                    {row[j] ?? <span className="muted">—</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
