// Every word of the dashboard in four languages: the shared messages and each page's own have
// the same keys in every language (TypeScript holds them to it; this checks the files as they
// are), no text is left empty, and no German, Dutch or Turkish text is still the English one —
// except the few words those languages share with English, listed here by hand.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Loaded by path: the dashboard's modules are built for the browser (bundler resolution), not
// type-checked with the server's settings.
async function sharedMessages(): Promise<Dict> {
  const out: Dict = {};
  for (const lang of ['en', 'de', 'nl', 'tr']) out[lang] = ((await import(join(ROOT, 'locales', `${lang}.ts`))) as Dict)[lang];
  return out;
}

const ROOT = join(import.meta.dirname, '..', '..', 'web', 'src');

/** Texts that are rightly the same as the English one in that language. */
const SAME: Record<string, readonly string[]> = {
  de: ['Import', 'Format', 'Median', 'Dimension', 'Details: {group}', 'Team {team}', 'Scorecard: {name}', 'Quotient', 'Team', 'Filter', 'Definition', 'Segment', 'Name', 'Status', 'Region', 'Start', 'Leads', 'Teams', 'Demo', 'Rang', 'Pipeline', 'Details', 'Code', 'Token', 'E-Mail', 'Export', 'CSV', 'Parquet', 'JSON Lines', 'MAPE', 'NPS', 'CSAT', 'CAC', 'CPA', 'CLV', 'Trends', 'Ticket', 'Webhook', 'Status: {status}'],
  nl: ['accounts', 'leads', 'teams', 'Cohort', 'Details: {group}', 'Tab', 'e-mails', 'meetings', 'Team {team}', 'Scorecard: {name}', 'Week', 'per week', 'Quotient', 'Team', 'Filters', 'Menu', 'Open', 'Product', 'Segment', 'Status', 'Regio', 'Start', 'Leads', 'Teams', 'Demo', 'Pipeline', 'Details', 'Code', 'Token', 'CSV', 'Parquet', 'JSON Lines', 'MAPE', 'NPS', 'CSAT', 'CAC', 'CPA', 'CLV', 'Trends', 'Prognose', 'Admin', 'Webhook', 'E-mail', 'Status: {status}'],
  tr: ['Segment', 'Quotient', 'CSV', 'Parquet', 'JSON Lines', 'MAPE', 'NPS', 'CSAT', 'CAC', 'CPA', 'CLV', 'Token', 'Demo'],
};

type Dict = Record<string, Record<string, string>>;

async function pageMessages(): Promise<[string, Dict][]> {
  const out: [string, Dict][] = [];
  for (const dir of ['pages', 'components']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.i18n.ts'))) {
      const mod = (await import(join(ROOT, dir, f))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (value && typeof value === 'object' && 'en' in value && 'de' in value) out.push([`${dir}/${f} ${name}`, value as Dict]);
      }
    }
  }
  return out;
}

function check(name: string, dict: Dict): string[] {
  const problems: string[] = [];
  const keys = Object.keys(dict.en).sort();
  for (const lang of ['de', 'nl', 'tr']) {
    const d = dict[lang];
    if (!d) {
      problems.push(`${name}: no ${lang}`);
      continue;
    }
    const missing = keys.filter((k) => !(k in d));
    if (missing.length) problems.push(`${name} ${lang}: missing ${missing.join(', ')}`);
    for (const k of keys) {
      const text = d[k];
      if (text === undefined) continue;
      if (!text.trim()) problems.push(`${name} ${lang}.${k}: empty`);
      const en = dict.en[k];
      // Same text with letters in it, not a placeholder-only text, and not a shared word.
      if (text === en && /\p{L}{2,}/u.test(en.replace(/\{\w+\}/g, '')) && !SAME[lang].includes(text)) problems.push(`${name} ${lang}.${k}: still English: "${text}"`);
    }
  }
  return problems;
}

describe('dashboard words', () => {
  it('the shared messages: every key in every language, none still English', async () => {
    expect(check('locales', await sharedMessages())).toEqual([]);
  });

  it('every page’s own messages: every key in every language, none still English', async () => {
    const dicts = await pageMessages();
    expect(dicts.length).toBeGreaterThan(5);
    expect(dicts.flatMap(([name, d]) => check(name, d))).toEqual([]);
  });
});
