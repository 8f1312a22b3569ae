/** A confusion matrix as a heat map (a table: rows the true class, columns the predicted one), shaded by row share. */
import { confusionCells, heatStyle } from './job-view';

export function ConfusionMatrix({ matrix, classes }: { matrix: number[][]; classes?: string[] }) {
  const label = (i: number) => classes?.[i] ?? `class ${i}`;
  const cells = confusionCells(matrix);
  return (
    <div className="table-wrap">
      <table className="confusion" aria-label="Confusion matrix">
        <thead>
          <tr>
            <th scope="col">true ↓ · predicted →</th>
            {matrix.map((_, j) => (
              <th key={j} scope="col">
                {label(j)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row, i) => (
            <tr key={i}>
              <th scope="row">{label(i)}</th>
              {row.map((c, j) => (
                <td
                  key={j}
                  style={heatStyle(c.share)}
                  className={i === j ? 'diag' : undefined}
                  title={`${Math.round(c.share * 100)}% of true ${label(i)}`}
                >
                  {c.count}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
