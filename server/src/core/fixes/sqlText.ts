// Writing SQL that fixes insert: identifiers quoted only when PostgreSQL needs it, string literals, names
// that fit in NAMEDATALEN.

// PostgreSQL's reserved key words (and those that are reserved except as function or type names): as bare
// table names they do not parse, so they are quoted.
const RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation
  column concurrently constraint create cross current_catalog current_date current_role current_schema current_time
  current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze
  from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit
  localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references
  returning right select session_user similar some symmetric system_user table tablesample then to trailing true union
  unique user using variadic verbose when where window with`.split(/\s+/),
);

const PLAIN = /^[a-z_][a-z0-9_$]*$/;

export function needsQuoting(name: string): boolean {
  return !PLAIN.test(name) || RESERVED.has(name);
}

/** An identifier as SQL: the frontends report names as they are stored, so anything else must be quoted. */
export function sqlIdent(name: string): string {
  return needsQuoting(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

export function sqlName(schema: string | undefined, name: string): string {
  return schema ? `${sqlIdent(schema)}.${sqlIdent(name)}` : sqlIdent(name);
}

export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// NAMEDATALEN - 1: longer names are silently truncated by PostgreSQL, which could make two archives collide.
const MAX_NAME_BYTES = 63;

/** `<prefix><table><suffix>`, shortening the table part so the whole name stays within 63 bytes. */
export function derivedName(prefix: string, table: string, suffix: string): string {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  // One pass over the code points: a name can be as long as the file, so no re-encoding per character.
  let budget = MAX_NAME_BYTES - bytes(prefix) - bytes(suffix);
  let middle = '';
  for (const ch of table) {
    budget -= bytes(ch);
    if (budget < 0) break;
    middle += ch;
  }
  return prefix + middle + suffix;
}

/** A date as yyyymmdd, for archive and backup names. */
export function dateStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
}
