// The KPI catalog as a listing: `quotient kpis`.
import { catalog, kpiText } from '../../metrics/catalog.js';
import type { Lang } from '../../metrics/types.js';
import { label } from './labels.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';

export function catalogJson(lang: Lang): object[] {
  return catalog.map((k) => ({
    id: k.id,
    ...kpiText(k.id, lang),
    unit: k.unit,
    direction: k.direction,
    family: k.family,
    dimensions: k.dimensions,
    implicit: k.implicit ?? [],
    needs: k.needs,
    formula: k.formulaText,
    ...(k.rules ? { rules: k.rules } : {}),
  }));
}

export function catalogTable(lang: Lang): Table {
  const unitWord = (u: string) => (u === 'money' || u === 'ratio' || u === 'count' || u === 'days' || u === 'points' ? label(lang, u) : u);
  return {
    headers: [label(lang, 'kpi'), label(lang, 'name'), label(lang, 'unit'), label(lang, 'direction'), label(lang, 'definition')],
    rows: catalog.map((k) => {
      const t = kpiText(k.id, lang);
      return [k.id, t.name, unitWord(k.unit), label(lang, k.direction), t.definition];
    }),
  };
}

export function renderCatalog(format: string, lang: Lang): string {
  if (format === 'json') return JSON.stringify(catalogJson(lang), null, 2) + '\n';
  if (format === 'md') return renderMarkdown(catalogTable(lang));
  if (format === 'csv') {
    const t = catalogTable(lang);
    return renderCsv(['id', 'name', 'unit', 'direction', 'definition'], t.rows);
  }
  return renderText(catalogTable(lang));
}
