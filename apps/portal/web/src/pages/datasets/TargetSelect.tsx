/** The label column of a training or sweep, from the dataset's columns. */
import { useId } from 'react';
import type { DatasetColumn } from '@sdk/types';
import { targetColumns } from '../../lib/datasets/target';

export function TargetSelect({
  columns,
  value,
  onChange,
}: {
  columns: readonly DatasetColumn[];
  value: string;
  onChange: (target: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Target column</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {targetColumns(columns).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} ({c.type}, {c.distinct}
            {c.distinctCapped ? '+' : ''} distinct)
          </option>
        ))}
      </select>
    </div>
  );
}
