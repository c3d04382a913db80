// Small SQL text helpers shared by the store's users. Identifiers are quoted; values never are:
// they travel as parameters.

/** Quotes an identifier (a column or table name) for SQL. */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A SQL string literal, for constants that come from the product itself (never from users). */
export function constLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}
