// Converts DuckDB result values into the Store's normalised plain values.
import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import type { Row, Value } from '../store.js';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function dateString(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function convert(v: unknown, typeId: DuckDBTypeId): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return typeId === DuckDBTypeId.DATE ? dateString(v) : v.toISOString();
  }
  if (Array.isArray(v)) return v.map((x) => convert(x, DuckDBTypeId.ANY));
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

export function toRows(result: DuckDBResultReader): Row[] {
  const names = result.columnNames();
  const types = result.columnTypes().map((t) => t.typeId);
  const raw = result.getRowsJS();
  const rows: Row[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const o: Row = {};
    for (let c = 0; c < names.length; c++) o[names[c]] = convert(r[c], types[c]);
    rows[i] = o;
  }
  return rows;
}
