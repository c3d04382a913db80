// Renders docs/data-model.md from the entity definitions, so the documented import format is
// always the one the import checks.
import { entities, importOrder } from '../model/entities.js';
import { expectedText } from '../model/fields.js';
import type { Field } from '../model/fields.js';

function rule(f: Field): string {
  const parts: string[] = [];
  if (f.values) parts.push(`one of ${f.values.map((v) => `\`${v}\``).join(', ')}`);
  else parts.push(expectedText[f.kind]);
  if (f.min !== undefined && f.max !== undefined) parts.push(`${f.min} to ${f.max}`);
  else if (f.min !== undefined) parts.push(`≥ ${f.min}`);
  else if (f.max !== undefined) parts.push(`≤ ${f.max}`);
  if (f.greaterThan !== undefined) parts.push(`> ${f.greaterThan}`);
  if (f.ref) parts.push(`must exist in ${f.ref.entity}.${f.ref.column}`);
  return parts.join('; ');
}

export function renderDataModelDoc(): string {
  const out: string[] = [
    '# Import format (data model)',
    '',
    '<!-- Generated from src/model/entities.ts by `npm run docs`; a test fails when it is stale. -->',
    '',
    'One file per entity, named `<entity>.csv` (or `.tsv`, `.jsonl`, `.parquet`), with these columns.',
    'Column names are matched case-insensitively; other names reach them through a mapping file (`--map`), or a CRM export preset (`--preset`: Pipedrive, HubSpot, Salesforce, Close).',
    'Required columns are marked **required**; an empty value in an optional column means "none".',
    '',
    '- Timestamps: ISO 8601. Without an offset they are read in the organisation\'s time zone (`quotient config set timezone …`).',
    '- Dates: `YYYY-MM-DD`, whole days in that zone.',
    '- Money: decimal numbers in the row\'s `currency` (ISO 4217); empty means the reporting currency. Other currencies convert through `fx_rates`.',
    '- Re-importing a record with the same key updates it; identical rows change nothing.',
    '',
    `Import order (dependencies first): ${importOrder.join(' → ')}.`,
    '',
  ];
  for (const e of entities) {
    out.push(`## ${e.name}`, '', e.doc, '', `Key: ${e.key.map((k) => `\`${k}\``).join(' + ')}`, '', '| column | required | value | meaning |', '|---|---|---|---|');
    for (const f of e.fields) out.push(`| \`${f.name}\` | ${f.required ? '**required**' : ''} | ${rule(f)} | ${f.doc} |`);
    out.push('');
  }
  return out.join('\n');
}
