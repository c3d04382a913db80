// The API's answers as the dashboard reads them (see /api/openapi.json).
export type Unit = 'money' | 'ratio' | 'count' | 'days' | 'points';

export interface KpiEntry {
  id: string;
  name: string;
  definition: string;
  unit: Unit;
  direction: 'higher' | 'lower';
  family: string;
  dimensions: string[];
  needs: string[];
}

export interface ComparisonValue {
  period?: string;
  value: number | null;
  delta: number | null;
  attainment?: number | null;
  p_value?: number | null;
  significant?: boolean | null;
  status?: string;
}

export interface KpiRow {
  kpi: string;
  period: string;
  group: Record<string, string | null>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
  ci95: [number, number] | null;
  status: string;
  message?: string;
  comparisons?: Partial<Record<'previous_period' | 'previous_year' | 'target', ComparisonValue>>;
}

export interface KpiResult {
  query: { kpis: string[]; period: string; from: string; to: string; as_of: string; grain: string | null; currency: string; timezone: string };
  rows: KpiRow[];
  warnings: string[];
}

export interface RecordSet {
  fact: string;
  doc: string;
  roles: string[];
  columns: string[];
  rows: Record<string, string | number | boolean | null>[];
}

export interface RecordsResult {
  kpi: string;
  period: string;
  sets: RecordSet[];
  truncated: boolean;
}

export interface Me {
  via: string;
  user: { user_id: string; email: string; role: 'admin' | 'manager' | 'rep' | 'viewer'; rep_id: string | null; team_id: string | null };
}
