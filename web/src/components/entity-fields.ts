// The canonical fields of every importable entity, in import order: the column mapping's
// targets. A copy of src/model/entities.ts (names, kinds, required) for the browser; a test
// (test/browser/import.test.ts) keeps the two equal. And how a file's columns map onto them.
export type FieldKind = 'id' | 'text' | 'email' | 'enum' | 'money' | 'decimal' | 'integer' | 'date' | 'timestamp' | 'currency';

export interface EntityField {
  name: string;
  kind: FieldKind;
  required?: true;
}

const f = (spec: string): EntityField[] =>
  spec.split(' ').map((s) => {
    const [name, kind] = s.replace(/!$/, '').split(':');
    return s.endsWith('!') ? { name, kind: kind as FieldKind, required: true } : { name, kind: kind as FieldKind };
  });

/** name:kind, "!" for required. */
export const ENTITY_FIELDS: Readonly<Record<string, readonly EntityField[]>> = {
  teams: f('team_id:id! name:text! manager_rep_id:id region:text'),
  reps: f('rep_id:id! name:text! email:email team_id:id role:enum hire_date:date end_date:date'),
  accounts: f('account_id:id! name:text! segment:text industry:text region:text country:text acquisition_channel:text'),
  products: f('product_id:id! name:text! product_line:text list_price:money unit_cost:money'),
  pipeline_stages: f('stage:id! position:integer! probability:decimal'),
  fx_rates: f('date:date! currency:currency! rate:decimal!'),
  leads: f('lead_id:id! created_at:timestamp! source:text! rep_id:id account_id:id status:enum! converted_at:timestamp opportunity_id:id'),
  opportunities: f(
    'opportunity_id:id! account_id:id rep_id:id! created_at:timestamp! status:enum! stage:text amount:money! currency:currency closed_at:timestamp lead_id:id source:text technique:text expected_close_date:date probability:decimal lost_reason:text',
  ),
  stage_changes: f('opportunity_id:id! stage:text! entered_at:timestamp!'),
  line_items: f('opportunity_id:id! product_id:id! quantity:decimal! unit_price:money! discount:decimal'),
  activities: f('activity_id:id! rep_id:id! type:enum! occurred_at:timestamp! opportunity_id:id account_id:id lead_id:id outcome:text duration_seconds:integer'),
  spend: f('spend_id:id! date:date! channel:text! category:enum! amount:money! currency:currency'),
  targets: f('target_id:id! kpi:text! scope:enum! scope_id:id period_start:date! period_end:date! value:decimal!'),
  survey_responses: f('response_id:id! kind:enum! score:integer! responded_at:timestamp! account_id:id rep_id:id opportunity_id:id scale_max:integer'),
  subscriptions: f('subscription_id:id! account_id:id! started_at:timestamp! ended_at:timestamp mrr:money currency:currency'),
};

export const ENTITIES = Object.keys(ENTITY_FIELDS);

const loose = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
/** How the server matches a column to a field without a mapping. */
const serverNorm = (s: string) => s.trim().toLowerCase();

/** Field → column index ('' for none): a column whose name is the field's, ignoring case, spaces and punctuation. */
export function autoMapping(fields: readonly EntityField[], columns: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    let i = columns.findIndex((c) => serverNorm(c) === f.name);
    if (i < 0) i = columns.findIndex((c) => loose(c) === loose(f.name));
    out[f.name] = i >= 0 ? String(i) : '';
  }
  return out;
}

/**
 * The header to send: mapped columns renamed to their field; a column left unmapped whose name
 * the server would still match to a field is marked ignored, so what is mapped is what counts.
 */
export function mappedHeader(fields: readonly EntityField[], columns: readonly string[], mapping: Record<string, string>): string[] {
  const names = new Set(fields.map((f) => f.name));
  return columns.map((c, i) => {
    const field = fields.find((f) => mapping[f.name] === String(i));
    if (field) return field.name;
    return names.has(serverNorm(c)) ? `(ignored) ${c}` : c;
  });
}
