// Direct sources for the fast path: SQL that reads a file as text columns c1…cN without
// staging it first. Only CSV and Parquet have one; JSON Lines is always staged.
import type { Params } from '../../store/params.js';
import { quoteIdent } from '../../store/sql.js';
import { stagedColumn } from './staged.js';

export function csvOptions(headerLength: number, delimiter: string, p: Params, rejects: string | null): string {
  const columns = '{' + Array.from({ length: headerLength }, (_, i) => `'${stagedColumn(i)}': 'VARCHAR'`).join(', ') + '}';
  const rej = rejects ? `, store_rejects = true, ignore_errors = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scan'` : '';
  return `auto_detect = false, header = false, skip = 1, delim = ${p.add(delimiter)}, quote = '"', escape = '"', columns = ${columns}, strict_mode = true, null_padding = false${rej}`;
}

export function csvSource(path: string, headerLength: number, delimiter: string, p: Params, rejects: string): string {
  return `read_csv(${p.add(path)}, ${csvOptions(headerLength, delimiter, p, rejects)})`;
}

export function parquetSource(path: string, header: string[], p: Params): string {
  const cols = header.map((h, i) => `CAST(${quoteIdent(h)} AS VARCHAR) AS ${stagedColumn(i)}`);
  return `(SELECT ${cols.join(', ')} FROM read_parquet(${p.add(path)}))`;
}
