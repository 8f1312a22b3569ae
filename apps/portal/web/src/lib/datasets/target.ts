/** The label column of a training or sweep, and the problem type a column suggests. */
import type { DatasetColumn } from '@sdk/types';
import type { ProblemType } from './sweep-grid';

/** Columns a model can learn: not the ones with no value at all. */
export function targetColumns(columns: readonly DatasetColumn[]): DatasetColumn[] {
  return columns.filter((c) => c.type !== 'empty');
}

/** The API's default target: the last column (with values). */
export function defaultTarget(columns: readonly DatasetColumn[]): string {
  return targetColumns(columns).at(-1)?.name ?? '';
}

/** Categories are classified; numbers are regressed (a person may still pick a classifier for a numeric code). */
export function problemTypeOf(column: DatasetColumn | undefined): ProblemType {
  return column?.type === 'numeric' ? 'regression' : 'classification';
}

/** The first family of the given problem type, or `current` when it already fits or none does. */
export function familyFor<T extends { key: string; problemType: ProblemType }>(
  specs: readonly T[],
  problemType: ProblemType,
  current: string,
): string {
  if (specs.find((s) => s.key === current)?.problemType === problemType) return current;
  return specs.find((s) => s.problemType === problemType)?.key ?? current;
}
