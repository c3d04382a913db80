// Field kinds of the canonical data model. Each column of an entity has one kind; the kind
// decides how a raw text value is parsed, validated and stored (see ingest/typing.ts).

export type FieldKind =
  | 'id' // a stable identifier from the source system (text)
  | 'text'
  | 'email'
  | 'enum'
  | 'money' // decimal amount in the row's currency
  | 'decimal'
  | 'integer'
  | 'date' // a whole day in the organisation's time zone
  | 'timestamp' // an instant; values without an offset are read in the organisation's time zone
  | 'currency'; // ISO 4217 code

export interface Field {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Allowed values for `enum` fields. */
  values?: readonly string[];
  /** Inclusive bounds for numeric fields. */
  min?: number;
  max?: number;
  /** Strict lower bound (value must be greater than this). */
  greaterThan?: number;
  /** A reference to another entity's key column. */
  ref?: { entity: EntityName; column: string };
  /** One-line description for docs and error messages. */
  doc: string;
}

export type EntityName =
  | 'teams'
  | 'reps'
  | 'accounts'
  | 'products'
  | 'pipeline_stages'
  | 'leads'
  | 'opportunities'
  | 'stage_changes'
  | 'line_items'
  | 'activities'
  | 'spend'
  | 'targets'
  | 'survey_responses'
  | 'subscriptions'
  | 'fx_rates';

/** SQL column type of each field kind (the same in both dialects' migrations). */
export const sqlType: Record<FieldKind, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  email: 'VARCHAR',
  enum: 'VARCHAR',
  money: 'DECIMAL(18,4)',
  decimal: 'DOUBLE PRECISION',
  integer: 'BIGINT',
  date: 'DATE',
  timestamp: 'TIMESTAMPTZ',
  currency: 'VARCHAR',
};

/** What a value of each kind must look like, for error messages. */
export const expectedText: Record<FieldKind, string> = {
  id: 'a non-empty identifier',
  text: 'text',
  email: 'an e-mail address like name@example.com',
  enum: 'one of the listed values',
  money: 'a decimal amount like 1234.50',
  decimal: 'a decimal number like 0.25',
  integer: 'a whole number',
  date: 'a date like 2026-03-31',
  timestamp: 'a date-time like 2026-03-31T14:30:00 or 2026-03-31T14:30:00+02:00',
  currency: 'an ISO 4217 currency code like EUR',
};
