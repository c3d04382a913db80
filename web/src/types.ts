// The API's answers as the dashboard reads them (see /api/openapi.json).
export type { ComparisonValue, KpiResult, KpiRow, Unit } from './api-types';
import type { Unit } from './api-types';

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

/** A set of records as the dashboard shows it: cells are scalars (the API sends no lists here). */
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
