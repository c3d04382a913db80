// Problems found in an import: each names where it is (file, line, column), the value, and
// what was expected. All problems are gathered (up to a limit) before anything is written.

export type ProblemCode =
  | 'empty_file'
  | 'no_rows'
  | 'missing_column'
  | 'unknown_column'
  | 'malformed_row'
  | 'required'
  | 'bad_value'
  | 'out_of_range'
  | 'not_allowed'
  | 'unknown_currency'
  | 'duplicate_key'
  | 'unknown_reference'
  | 'inconsistent';

export interface Problem {
  code: ProblemCode;
  file: string;
  /** 1-based line in the file where the record starts (row number for Parquet); null for file-level problems. */
  line: number | null;
  column: string | null;
  value: string | null;
  expected: string;
  /** Record ordinal in the file (1 = first data record), used to map to lines and to reject rows. */
  record?: number;
  severity: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  const col = p.column ? ` column ${p.column}:` : '';
  const val = p.value === null ? '' : ` ${JSON.stringify(p.value)}:`;
  if (p.severity === 'warning') return `${where}: warning: ${p.expected}`;
  return `${where}:${col}${val} expected ${p.expected}`;
}

/** Gathers problems up to a limit, counting the rest. */
export class ProblemList {
  readonly items: Problem[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(readonly limit = 200) {}

  add(p: Problem): void {
    if (p.severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.items.length < this.limit) this.items.push(p);
  }

  /** Adds a count of further errors that were not fetched individually. */
  addUnlisted(n: number): void {
    this.errorCount += n;
  }

  get errors(): Problem[] {
    return this.items.filter((p) => p.severity === 'error');
  }

  get warnings(): Problem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }
}
