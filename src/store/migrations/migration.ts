import type { Dialect } from '../store.js';

export interface Migration {
  /** Consecutive from 1; a store records the highest version applied. */
  version: number;
  name: string;
  /** SQL statements, in order; the same for every dialect unless the dialect is consulted. */
  statements(dialect: Dialect): string[];
}
