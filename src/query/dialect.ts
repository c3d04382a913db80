// The few database-specific pieces of KPI SQL, as one table of templates. Everything else the
// query layer writes is plain SQL shared by every store; a PostgreSQL dialect overrides only
// the entries that differ (see `postgresTemplates`).
import type { Dialect } from '../store/store.js';

export interface SqlTemplates {
  /** The instant at which a local date-time (TIMESTAMP) happens in a time zone. */
  instantOfLocal(tz: string, localTs: string): string;
  /** The local date-time (TIMESTAMP) of an instant in a time zone. */
  localOfInstant(tz: string, instant: string): string;
  /** Exact days between two instants, as a fraction. */
  daysBetweenInstants(from: string, to: string): string;
  /** Whole days between two dates (to − from). */
  daysBetweenDates(from: string, to: string): string;
  /** The date n months after a date. */
  addMonths(date: string, n: string): string;
  /** The first day of the month of a date. */
  monthStart(date: string): string;
  /** Continuous quantile (0..1) of an expression, as an aggregate. */
  quantile(expr: string, q: number): string;
  /** Dates from a month start to an end date, one per month (a set-returning expression). */
  monthSeries(from: string, to: string): string;
  /** A typed date parameter. */
  date(param: string): string;
  /** Creates (or replaces) a table from a query. */
  createTableAs(name: string, select: string, temp: boolean): string;
}

export const duckdbTemplates: SqlTemplates = {
  instantOfLocal: (tz, ts) => `timezone(${tz}, ${ts})`,
  localOfInstant: (tz, t) => `timezone(${tz}, ${t})`,
  daysBetweenInstants: (a, b) => `((epoch(${b}) - epoch(${a})) / 86400.0)`,
  daysBetweenDates: (a, b) => `datediff('day', ${a}, ${b})`,
  addMonths: (d, n) => `CAST(${d} + to_months(CAST(${n} AS INTEGER)) AS DATE)`,
  monthStart: (d) => `CAST(date_trunc('month', ${d}) AS DATE)`,
  quantile: (e, q) => `quantile_cont(${e}, ${q})`,
  monthSeries: (a, b) => `unnest(generate_series(CAST(${a} AS TIMESTAMP), CAST(${b} AS TIMESTAMP), INTERVAL 1 MONTH))`,
  date: (p) => `CAST(${p} AS DATE)`,
  createTableAs: (name, select, temp) => `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${name} AS ${select}`,
};

/** PostgreSQL: the same shape with its own functions (the store of `--db postgres://…`). */
export const postgresTemplates: SqlTemplates = {
  ...duckdbTemplates,
  instantOfLocal: (tz, ts) => `(${ts} AT TIME ZONE ${tz})`,
  localOfInstant: (tz, t) => `(${t} AT TIME ZONE ${tz})`,
  daysBetweenInstants: (a, b) => `(EXTRACT(EPOCH FROM (${b} - ${a})) / 86400.0)`,
  daysBetweenDates: (a, b) => `(${b} - ${a})`,
  addMonths: (d, n) => `CAST(${d} + make_interval(months => CAST(${n} AS INTEGER)) AS DATE)`,
  quantile: (e, q) => `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${e})`,
  monthSeries: (a, b) => `generate_series(CAST(${a} AS TIMESTAMP), CAST(${b} AS TIMESTAMP), INTERVAL '1 month')`,
  createTableAs: (name, select, temp) => `DROP TABLE IF EXISTS ${name}; CREATE ${temp ? 'TEMP ' : ''}TABLE ${name} AS ${select}`,
};

export function templatesFor(dialect: Dialect): SqlTemplates {
  return dialect === 'postgres' ? postgresTemplates : duckdbTemplates;
}
