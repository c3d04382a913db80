// The four roles and what a user record holds.
import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'rep', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DOCS: Record<Role, string> = {
  admin: 'sees and changes everything: data, settings, users',
  manager: 'sees their teams (teams they manage, or their own team) and each of their reps in detail, and company totals',
  rep: 'sees their own records and KPIs, and team and company totals without other reps’ names or records',
  viewer: 'sees company totals only',
};

export interface User {
  user_id: string;
  email: string;
  role: Role;
  /** The rep this user is in the data (reps.rep_id): required for reps, the manager's own rep for managers. */
  rep_id: string | null;
  /** The team this user belongs to or leads (teams.team_id). */
  team_id: string | null;
  created_at: string;
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'expected an e-mail address like ann@example.com' }));

/** Ids of reps and teams as they appear in the data. */
export const dataIdSchema = z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');

/** What a role needs besides the e-mail address, as a message, or null when the user is complete. */
export function missingLink(role: Role, rep: string | null | undefined, team: string | null | undefined): string | null {
  if (role === 'rep' && !rep) return 'a rep user needs the rep they are in the data (--rep REP_ID, or "rep_id")';
  if (role === 'manager' && !rep && !team) return 'a manager needs their rep id or the team they lead (--rep REP_ID or --team TEAM_ID)';
  return null;
}
