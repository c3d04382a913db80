// The digest (`quotient digest`, weekly by default): the period's headline KPIs with their change
// against the previous period, the targets running in the period with attainment and pacing
// status, the alerts fired in the period (by their as-of date), and the top 5 insights — as
// Markdown, text and HTML, in the reader's language (numbers by Intl in the language's locale,
// KPI names from metrics/i18n, fixed words from words.ts). Insight sentences: English digests show
// the analysis's own; other languages rebuild each from the finding's kind and params with the
// templates the dashboard uses (analysis/insights/sentences.ts), numbers written by Intl in the
// language's locale (`sentenceNumbers`); a kind without a template shows its title in the
// language with its key numbers (money at stake, the group's value against the rest's).
import { insights as findInsights, type Insight } from '../analysis/insights.js';
import { insightSentence, type NumberWords } from '../analysis/insights/sentences.js';
import { alertFeed } from '../alerts/evaluate.js';
import { HEADLINE_KPIS } from '../cli/commands/report.js';
import { LOCALES } from '../cli/format/labels.js';
import { formatDelta, formatValue } from '../cli/format/numbers.js';
import { findKpi, kpiText, lang as checkLang } from '../metrics/catalog.js';
import type { Lang, Unit } from '../metrics/types.js';
import { runKpiQuery } from '../query/engine.js';
import type { Scope } from '../query/query.js';
import type { KpiRow } from '../query/rows.js';
import type { Store } from '../store/store.js';
import { targetsList } from '../targets/list.js';
import { escapeHtml } from '../notify/email.js';
import { WORDS, type DigestWords } from './words.js';

export const DIGEST_FORMATS = ['markdown', 'text', 'html'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];
export const TOP_INSIGHTS = 5;

export interface DigestOptions {
  /** A period of the query layer (default last_week). */
  period?: string;
  asOf?: string;
  lang?: string;
  /** The reps whose records count (default every rep). */
  scope?: Scope;
}

interface Section {
  heading: string;
  /** A table, or a list, or a line saying there is nothing. */
  table?: { headers: string[]; rows: string[][]; right: boolean[] };
  items?: string[];
  empty?: string;
}

export interface Digest {
  subject: string;
  markdown: string;
  text: string;
  html: string;
}

const statusWord = (w: DigestWords, s: string | null): string => (s === 'on_track' || s === 'at_risk' || s === 'off_track' ? w[s] : '—');

function changeText(row: KpiRow, unit: Unit, l: Lang, currency: string): string {
  const prev = row.comparisons?.previous_period;
  if (!prev || prev.delta === null || prev.value === null) return '—';
  const delta = formatDelta(prev.delta, unit, l, currency);
  if (unit === 'ratio' || prev.value === 0) return delta;
  return `${delta} (${new Intl.NumberFormat(LOCALES[l], { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(prev.delta / Math.abs(prev.value))})`;
}

/** Numbers inside an insight sentence, as the dashboard writes them, in the language's locale. */
export function sentenceNumbers(l: Lang, currency: string): NumberWords {
  const locale = LOCALES[l];
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const moneyExact = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const three = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const moneyText = (x: number) => (x !== 0 && Math.abs(x) < 100 ? moneyExact.format(x) : money.format(x));
  return {
    pct: (x) => (x === null ? '–' : pct.format(x)),
    count: (x) => count.format(x),
    money: moneyText,
    q: (x) => (x === null ? '–' : x < 0.001 ? `q < ${three.format(0.001)}` : `q = ${three.format(x)}`),
    fixed: (x, digits) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    value: (kpi, x) => {
      const unit = findKpi(kpi)?.unit ?? 'count';
      return x === null ? '–' : unit === 'money' ? moneyText(x) : formatValue(x, unit, l, currency);
    },
    kpiName: (kpi) => {
      const name = findKpi(kpi) ? kpiText(kpi, l).name : kpi.replace(/_/g, ' ');
      return l === 'de' ? name : name.toLocaleLowerCase(locale);
    },
  };
}

function insightLine(i: Insight, l: Lang, w: DigestWords, currency: string, n: NumberWords): string {
  const title = w.kinds[i.kind];
  const stake = i.score > 0 ? `${formatValue(i.score, 'money', l, currency)} ${w.at_stake}` : null;
  const sentence = l === 'en' ? i.sentence : insightSentence(i, l, n);
  if (sentence !== null) return `**${title}**: ${sentence}${stake ? ` (${stake})` : ''}`;
  const unit: Unit = findKpi(i.evidence.metric)?.unit ?? 'ratio';
  const side = (s: { label: string; value: number | null } | null) => (s && s.value !== null ? `${s.label}: ${formatValue(s.value, unit, l, currency)}` : null);
  const nums = [side(i.evidence.subject), side(i.evidence.comparison), stake].filter((x): x is string => x !== null);
  return `**${title}**${nums.length ? `: ${nums.join('; ')}` : ''}`;
}

export async function buildDigest(store: Store, o: DigestOptions = {}): Promise<Digest> {
  const l = checkLang(o.lang ?? 'en');
  const w = WORDS[l];
  const period = o.period ?? 'last_week';
  const scope = o.scope ?? { reps: 'all' as const };
  const head = await runKpiQuery(store, { kpis: HEADLINE_KPIS, period, asOf: o.asOf, compare: ['previous_period'], scope });
  const { from, to, as_of: asOf, currency } = head.query;
  const sections: Section[] = [];

  sections.push({
    heading: w.kpis,
    table: {
      headers: [w.kpi, w.value, w.previous, w.change],
      right: [false, true, true, true],
      rows: head.rows.map((r) => {
        const unit = findKpi(r.kpi)?.unit ?? 'count';
        return [kpiText(r.kpi, l).name, formatValue(r.value, unit, l, currency), formatValue(r.comparisons?.previous_period?.value ?? null, unit, l, currency), changeText(r, unit, l, currency)];
      }),
    },
  });

  const targets = await targetsList(store, { from, to, asOf, forecast: false });
  const visible = scope.reps === 'all' ? targets.targets : targets.targets.filter((t) => t.scope === 'rep' && (scope.reps as readonly string[]).includes(t.scope_id ?? ''));
  sections.push(
    visible.length
      ? {
          heading: w.targets,
          table: {
            headers: [w.kpi, w.scope, w.period, w.target, w.so_far, w.attained, w.status],
            right: [false, false, false, true, true, true, false],
            rows: visible.map((t) => {
              const unit = t.unit ?? 'count';
              return [
                kpiText(t.kpi, l).name,
                t.scope === 'company' ? w.company : `${t.name ?? t.scope_id} (${t.scope})`,
                t.period,
                formatValue(t.value, unit, l, currency),
                formatValue(t.pacing.so_far, unit, l, currency),
                formatValue(t.pacing.attainment, 'ratio', l, currency),
                statusWord(w, t.pacing.status),
              ];
            }),
          },
        }
      : { heading: w.targets, empty: w.no_targets },
  );

  const alerts = (await alertFeed(store, { limit: 10_000 })).filter((e) => e.as_of >= from && e.as_of <= to && (scope.reps === 'all' || (e.scope === 'rep' && scope.reps.includes(e.scope_id ?? ''))));
  sections.push(alerts.length ? { heading: w.alerts, items: alerts.reverse().map((e) => `${e.as_of}: ${e.message}`) } : { heading: w.alerts, empty: w.no_alerts });

  const found = await findInsights(store, { period, asOf, scope, limit: TOP_INSIGHTS });
  const numbers = sentenceNumbers(l, currency);
  sections.push(found.insights.length ? { heading: w.insights, items: found.insights.map((i) => insightLine(i, l, w, currency, numbers)) } : { heading: w.insights, empty: w.no_insights });

  const title = `${w.title}: ${head.query.period} (${from} – ${to})`;
  const subtitle = `${w.period}: ${from} – ${to}, ${w.as_of} ${asOf}`;
  return { subject: title, markdown: markdown(title, subtitle, sections), text: text(title, subtitle, sections), html: html(title, subtitle, sections, l) };
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

function markdown(title: string, subtitle: string, sections: readonly Section[]): string {
  const out = [`# ${title}`, '', subtitle, ''];
  for (const s of sections) {
    out.push(`## ${s.heading}`, '');
    if (s.table) {
      out.push(`| ${s.table.headers.map(mdCell).join(' | ')} |`, `| ${s.table.right.map((r) => (r ? '---:' : '---')).join(' | ')} |`);
      for (const row of s.table.rows) out.push(`| ${row.map(mdCell).join(' | ')} |`);
    } else if (s.items) out.push(...s.items.map((x, i) => `${i + 1}. ${x}`));
    else out.push(s.empty ?? '');
    out.push('');
  }
  return out.join('\n');
}

const plain = (s: string) => s.replace(/\*\*/g, '');
const width = (s: string) => [...s].length;

function text(title: string, subtitle: string, sections: readonly Section[]): string {
  const out = [title, '='.repeat(width(title)), subtitle, ''];
  for (const s of sections) {
    out.push(s.heading, '-'.repeat(width(s.heading)));
    if (s.table) {
      const t = s.table;
      const widths = t.headers.map((h, c) => Math.max(width(h), ...t.rows.map((r) => width(r[c]))));
      const line = (cells: string[]) => cells.map((x, c) => (t.right[c] ? x.padStart(widths[c] + x.length - width(x)) : x.padEnd(widths[c] + x.length - width(x)))).join('  ').trimEnd();
      out.push(line(t.headers), ...t.rows.map(line));
    } else if (s.items) out.push(...s.items.map((x, i) => `${i + 1}. ${plain(x)}`));
    else out.push(s.empty ?? '');
    out.push('');
  }
  return out.join('\n');
}

const inline = (s: string) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

function html(title: string, subtitle: string, sections: readonly Section[], l: Lang): string {
  const out = [`<!DOCTYPE html>`, `<html lang="${l}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`, `<body style="font-family: sans-serif">`, `<h1>${escapeHtml(title)}</h1>`, `<p>${escapeHtml(subtitle)}</p>`];
  for (const s of sections) {
    out.push(`<h2>${escapeHtml(s.heading)}</h2>`);
    if (s.table) {
      const t = s.table;
      const cell = (tag: string, x: string, c: number) => `<${tag} style="text-align: ${t.right[c] ? 'right' : 'left'}; padding: 2px 8px">${escapeHtml(x)}</${tag}>`;
      out.push(`<table style="border-collapse: collapse">`, `<tr>${t.headers.map((h, c) => cell('th', h, c)).join('')}</tr>`, ...t.rows.map((r) => `<tr>${r.map((x, c) => cell('td', x, c)).join('')}</tr>`), `</table>`);
    } else if (s.items) out.push(`<ol>`, ...s.items.map((x) => `<li>${inline(x)}</li>`), `</ol>`);
    else out.push(`<p>${escapeHtml(s.empty ?? '')}</p>`);
  }
  out.push(`</body></html>`, '');
  return out.join('\n');
}
