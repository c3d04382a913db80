// The Store interface: the only way the rest of the product talks to a database.
// Results come back as plain rows with normalised values: numbers for numeric columns,
// 'YYYY-MM-DD' strings for dates and ISO 8601 UTC strings ('…Z') for timestamps, so
// callers see the same values from every dialect.

export type Dialect = 'duckdb' | 'postgres';
export type Value = string | number | boolean | null | Value[];
export type Row = Record<string, Value>;

export interface Store {
  readonly dialect: Dialect;
  /** Where the store lives: a file path or a connection URL without password. */
  readonly location: string;
  /** Runs one statement with positional parameters (`?` placeholders) and returns its rows. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
