// Settings stored in the store (table `settings`), read and written by `quotient config`.
import { UserError } from '../util/errors.js';
import { isCurrencyCode } from './currencies.js';

export interface SettingDef {
  key: string;
  default: string;
  doc: string;
  /** Returns the normalised value or throws a UserError that says what is expected. */
  parse(value: string): string;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_STAGES = ['Qualification', 'Discovery', 'Demo', 'Proposal', 'Negotiation'];

export const settingDefs: readonly SettingDef[] = [
  {
    key: 'timezone',
    default: 'UTC',
    doc: 'organisation time zone (IANA name, e.g. Europe/Berlin); timestamps without an offset are read in it and periods follow it',
    parse(v) {
      if (!validTimeZone(v)) throw new UserError('invalid_setting', `timezone: "${v}" is not an IANA time zone; expected a name like Europe/Berlin or UTC`);
      return v;
    },
  },
  {
    key: 'currency',
    default: 'USD',
    doc: 'reporting currency (ISO 4217); KPIs are reported in it and other currencies convert through fx_rates',
    parse(v) {
      const c = v.trim().toUpperCase();
      if (!isCurrencyCode(c)) throw new UserError('invalid_setting', `currency: "${v}" is not an ISO 4217 currency code; expected a code like USD or EUR`);
      return c;
    },
  },
  {
    key: 'fiscal_year_start_month',
    default: '1',
    doc: 'month the fiscal year starts in, 1 (January) to 12',
    parse(v) {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 12) throw new UserError('invalid_setting', `fiscal_year_start_month: "${v}" is not a month number; expected 1 to 12`);
      return String(n);
    },
  },
  {
    key: 'pipeline_stages',
    default: DEFAULT_STAGES.join(','),
    doc: 'the ordered pipeline stages, comma-separated (used when no pipeline_stages entity is imported)',
    parse(v) {
      const stages = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      if (stages.length === 0) throw new UserError('invalid_setting', 'pipeline_stages: expected a comma-separated list of stage names, e.g. Qualification,Demo,Proposal');
      if (new Set(stages).size !== stages.length) throw new UserError('invalid_setting', `pipeline_stages: "${v}" names a stage twice`);
      return stages.join(',');
    },
  },
  {
    key: 'ramp_threshold',
    default: '1',
    doc: 'share of the monthly revenue target a rep must reach in a month to count as ramped (ramp_time), e.g. 1 for 100%',
    parse(v) {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || n > 10) throw new UserError('invalid_setting', `ramp_threshold: "${v}" is not a share; expected a number above 0, like 1 for 100% or 0.8 for 80%`);
      return String(n);
    },
  },
  {
    key: 'pacing_on_track',
    default: '1',
    doc: 'a target is on track when its projected attainment at the end of the period reaches this share, e.g. 1 for 100%',
    parse(v) {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 10) throw new UserError('invalid_setting', `pacing_on_track: "${v}" is not a share; expected a number above 0, like 1 for 100% or 0.95 for 95%`);
      return String(n);
    },
  },
  {
    key: 'pacing_at_risk',
    default: '0.85',
    doc: 'a target below on track is at risk when its projected attainment reaches this share (else off track), e.g. 0.85 for 85%',
    parse(v) {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 10) throw new UserError('invalid_setting', `pacing_at_risk: "${v}" is not a share; expected a number above 0, like 0.85 for 85%`);
      return String(n);
    },
  },
  {
    key: 'reps_see_team',
    default: 'false',
    doc: 'true lets a rep see the colleagues of their own team by name in splits and leaderboards (never their records); false shows a rep only themselves',
    parse(v) {
      const t = v.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') throw new UserError('invalid_setting', `reps_see_team: "${v}" is not true or false`);
      return t;
    },
  },
  {
    key: 'webhook_secret',
    default: '',
    doc: 'the secret alert webhooks are signed with: X-Quotient-Signature: sha256=<HMAC-SHA256 of the body>; empty sends them unsigned',
    parse(v) {
      if (v.trim() === '') throw new UserError('invalid_setting', 'webhook_secret: expected a non-empty secret, e.g. a long random string');
      return v;
    },
  },
  {
    key: 'alert_check_minutes',
    default: '60',
    doc: 'how often quotient serve evaluates the alert rules, in minutes (1 to 10080); they are also evaluated after every import',
    parse(v) {
      const n = Number(v);
      if (v.trim() === '' || !Number.isInteger(n) || n < 1 || n > 10080) throw new UserError('invalid_setting', `alert_check_minutes: "${v}" is not a whole number of minutes from 1 to 10080`);
      return String(n);
    },
  },
  {
    key: 'smtp_host',
    default: '',
    doc: 'the SMTP server alert e-mails and digests are sent through (a host name); empty turns e-mail off',
    parse(v) {
      const h = v.trim();
      if (h !== '' && !/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$/.test(h)) throw new UserError('invalid_setting', `smtp_host: "${v}" is not a host name; expected e.g. smtp.example.com, or empty to turn e-mail off`);
      return h;
    },
  },
  {
    key: 'smtp_port',
    default: '587',
    doc: 'the SMTP server\'s port, 1 to 65535 (587 for STARTTLS, 465 with smtp_secure true, 25)',
    parse(v) {
      const n = Number(v);
      if (v.trim() === '' || !Number.isInteger(n) || n < 1 || n > 65535) throw new UserError('invalid_setting', `smtp_port: "${v}" is not a port; expected a whole number from 1 to 65535, e.g. 587`);
      return String(n);
    },
  },
  {
    key: 'smtp_user',
    default: '',
    doc: 'the SMTP user name; empty sends without logging in',
    parse(v) {
      return v.trim();
    },
  },
  {
    key: 'smtp_password',
    default: '',
    doc: 'the SMTP password (never shown by the API)',
    parse(v) {
      return v;
    },
  },
  {
    key: 'smtp_from',
    default: '',
    doc: 'the sender address of alert e-mails and digests, e.g. quotient@example.com',
    parse(v) {
      const a = v.trim();
      if (a !== '' && (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(a) || a.length > 320)) throw new UserError('invalid_setting', `smtp_from: "${v}" is not an e-mail address; expected e.g. quotient@example.com`);
      return a;
    },
  },
  {
    key: 'smtp_secure',
    default: 'false',
    doc: 'true connects with TLS from the start (port 465); false upgrades with STARTTLS when the server offers it',
    parse(v) {
      const t = v.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') throw new UserError('invalid_setting', `smtp_secure: "${v}" is not true or false`);
      return t;
    },
  },
];

export function settingDef(key: string): SettingDef {
  const def = settingDefs.find((d) => d.key === key);
  if (!def) {
    throw new UserError('unknown_setting', `unknown setting "${key}"; settings are: ${settingDefs.map((d) => d.key).join(', ')}`);
  }
  return def;
}
