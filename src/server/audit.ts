// The audit log: who signed in (or failed to), signed out, imported or pushed data, changed users,
// settings, tokens, targets or alert rules — with when and from where. Admins read it at GET /api/audit.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_in_locked',
  'sign_out',
  'import',
  'import_failed',
  'records_pushed',
  'records_push_failed',
  'user_added',
  'user_changed',
  'user_removed',
  'password_changed',
  'setting_changed',
  'token_created',
  'token_revoked',
  'target_added',
  'target_removed',
  'alert_rule_added',
  'alert_rule_removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  action: AuditAction;
  /** Who did it: an e-mail address, "local" (the server's local credential) or "cli". */
  actor: string | null;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  audit_id: string;
  occurred_at: string;
  actor: string | null;
  action: AuditAction;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export async function audit(store: Store, e: AuditEvent): Promise<void> {
  await store.query(`INSERT INTO audit_log VALUES (?, CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?)`, [
    randomUUID(),
    new Date().toISOString(),
    e.actor,
    e.action,
    e.target ?? null,
    e.ip ?? null,
    e.details ? JSON.stringify(e.details) : null,
  ]);
}

export interface AuditFilter {
  action?: AuditAction;
  actor?: string;
  since?: string;
  limit: number;
}

/** Newest first. */
export async function readAudit(store: Store, f: AuditFilter): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.action) {
    where.push('action = ?');
    params.push(f.action);
  }
  if (f.actor) {
    where.push('actor = ?');
    params.push(f.actor.toLowerCase());
  }
  if (f.since) {
    where.push('occurred_at >= CAST(? AS TIMESTAMPTZ)');
    params.push(f.since);
  }
  const rows = await store.query<Omit<AuditEntry, 'details'> & { details: string | null }>(
    `SELECT audit_id, occurred_at, actor, action, target, ip, details FROM audit_log${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY occurred_at DESC, audit_id LIMIT ${Math.trunc(f.limit)}`,
    params,
  );
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}
