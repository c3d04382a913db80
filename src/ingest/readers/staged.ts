// What every reader produces: the file's records in a temporary table of text columns.
import type { Problem } from '../problems.js';

export interface StagedFile {
  /** Temporary table with `_row` (record ordinal, 1-based) and one VARCHAR column per source column: c1, c2, … */
  table: string;
  /** Source column names, in order; header[i] is stored in column c{i+1}. */
  header: string[];
  rows: number;
  /** Structural problems found while reading (malformed rows), with their lines. */
  problems: Problem[];
  /** Maps record ordinals to 1-based line numbers in the file (row numbers for Parquet). */
  linesOf(records: number[]): Promise<Map<number, number>>;
  /** What a location is called in messages: 'line' or 'row'. */
  unit: 'line' | 'row';
}

export interface ReadOptions {
  delimiter?: string;
  /** Prefix that makes temporary table names unique in one import. */
  tableName: string;
}

export function stagedColumn(i: number): string {
  return `c${i + 1}`;
}
