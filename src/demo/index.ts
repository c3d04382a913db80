// Seeded demo data: a B2B sales organisation's CRM export in the canonical CSV format, with
// the effects the analytics should find planted on purpose (see docs/demo-data.md).
import { runDemo } from './generator.js';

export interface DemoOptions {
  seed: number;
  reps: number;
  months: number;
  /** Approximate total number of opportunities (deterministic for given options). */
  opportunities: number;
  /** 'YYYY-MM-DD', the last day of data ("today"). */
  asOf: string;
  /** Organisation time zone for days and months (IANA name), default 'UTC'. */
  timezone?: string;
  /** Called with the number of rows written so far for an entity. */
  onProgress?: (entity: string, rows: number) => void;
}

export const DEMO_DEFAULTS: Readonly<Pick<DemoOptions, 'seed' | 'reps' | 'months' | 'opportunities'>> = { seed: 42, reps: 40, months: 24, opportunities: 20000 };

export interface DemoSummary {
  files: Record<string, { path: string; rows: number }>;
}

/**
 * Writes one canonical CSV per entity (`<entity>.csv`, header = the entity's field names in
 * model order, RFC 4180 quoting, UTF-8, '\n') into outDir. Streams with backpressure, so memory
 * stays flat at any size. The same options always give byte-identical files.
 */
export function generateDemoCsv(outDir: string, options: DemoOptions): Promise<DemoSummary> {
  return runDemo(outDir, options);
}
