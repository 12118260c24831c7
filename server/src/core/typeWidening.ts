// Whether a column type change keeps every existing value. Used where the old type is known (a Django
// field replayed from earlier migrations, a MySQL MODIFY against the CREATE TABLE before it, an Alembic
// alter_column with existing_type), so the alter-column-type rule can tell widening (a warning: the
// table is still rewritten) from narrowing.

import type { SqlDialect } from './options';

interface ParsedType {
  base: string;
  args: number[];
  /** enum values, in order */
  values: string[];
}

const INTEGER_RANK: Record<string, number> = {
  tinyint: 1,
  smallint: 2,
  int2: 2,
  mediumint: 3,
  int: 4,
  integer: 4,
  int4: 4,
  bigint: 5,
  int8: 5,
};

// Maximum characters each text type holds; varchar/char carry theirs as an argument.
const TEXT_CAPACITY: Record<string, number> = {
  tinytext: 255,
  // MySQL's TEXT holds 64 KiB; PostgreSQL's is unbounded, but no varchar there is that long in practice.
  text: 65_535,
  mediumtext: 16_777_215,
  longtext: Number.POSITIVE_INFINITY,
  clob: Number.POSITIVE_INFINITY,
};
// Characters of the longest value of each integer rank, sign included (-128, -32768, ..., -9223372036854775808).
const INTEGER_DIGITS: Record<number, number> = { 1: 4, 2: 6, 3: 8, 4: 11, 5: 20 };
const VARCHAR = new Set(['varchar', 'character varying', 'nvarchar', 'char', 'character', 'nchar']);
const DECIMAL = new Set(['decimal', 'numeric']);
const FLOAT_RANK: Record<string, number> = { float: 1, real: 1, float4: 1, double: 2, 'double precision': 2, float8: 2 };

function parse(type: string): ParsedType {
  const t = type.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^([a-z ]+?)\s*(?:\((.*)\))?(?: unsigned)?$/.exec(t);
  if (!m) return { base: t, args: [], values: [] };
  const inner = m[2] ?? '';
  const values = [...inner.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]);
  const args = values.length > 0 ? [] : inner.split(',').map((a) => Number(a.trim())).filter((n) => !Number.isNaN(n) && inner !== '');
  return { base: m[1].trim(), args, values };
}

function textCapacity(t: ParsedType): number | undefined {
  if (VARCHAR.has(t.base)) return t.args[0] ?? (t.base.startsWith('char') ? 1 : Number.POSITIVE_INFINITY);
  return TEXT_CAPACITY[t.base];
}

/**
 * SQLite stores a value by its type affinity and ignores declared lengths: VARCHAR(64) -> VARCHAR(32)
 * keeps every value. https://www.sqlite.org/datatype3.html#determination_of_column_affinity
 */
function sqliteAffinity(type: string): string {
  const t = type.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (/REAL|FLOA|DOUB/.test(t)) return 'REAL';
  return 'NUMERIC';
}

/** True when every value of `from` fits `to` unchanged. Unknown pairs are not widening. */
export function isWidening(from: string, to: string, dialect?: SqlDialect): boolean {
  if (dialect === 'sqlite') return sqliteAffinity(from) === sqliteAffinity(to);
  const a = parse(from);
  const b = parse(to);
  if (/\bunsigned\b/i.test(from) !== /\bunsigned\b/i.test(to)) return false;
  if (a.base in INTEGER_RANK && b.base in INTEGER_RANK) return INTEGER_RANK[a.base] <= INTEGER_RANK[b.base];
  const capA = textCapacity(a);
  const capB = textCapacity(b);
  // An integer written out as text: the longest value of each size, with its sign, fits.
  if (a.base in INTEGER_RANK && capB !== undefined) return capB >= INTEGER_DIGITS[INTEGER_RANK[a.base]];
  if (capA !== undefined && capB !== undefined) return capA <= capB;
  if (DECIMAL.has(a.base) && DECIMAL.has(b.base)) {
    const [p1 = 10, s1 = 0] = a.args;
    const [p2 = 10, s2 = 0] = b.args;
    return p2 - s2 >= p1 - s1 && s2 >= s1;
  }
  if (a.base in INTEGER_RANK && DECIMAL.has(b.base)) {
    const [p = 10, s = 0] = b.args;
    return p - s >= 19;
  }
  if (a.base in FLOAT_RANK && b.base in FLOAT_RANK) return FLOAT_RANK[a.base] <= FLOAT_RANK[b.base];
  if (a.base === 'enum' && b.base === 'enum') return a.values.every((v) => b.values.includes(v));
  // PostgreSQL: every jsonb value is valid json text (the reverse can fail on \u0000 and loses duplicate keys).
  if (a.base === 'jsonb' && b.base === 'json') return true;
  return false;
}

/** The same type written two ways (`VARCHAR(50)` and `varchar (50)`, `INT` and `integer`). */
export function sameType(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  const integer = x.base in INTEGER_RANK && y.base in INTEGER_RANK;
  const base = (t: ParsedType) => (t.base in INTEGER_RANK ? `int${INTEGER_RANK[t.base]}` : t.base === 'numeric' ? 'decimal' : t.base === 'character varying' ? 'varchar' : t.base);
  // MySQL's INT(11) is a display width, not a size.
  const args = integer || x.args.join(',') === y.args.join(',');
  return base(x) === base(y) && args && x.values.join('\u0000') === y.values.join('\u0000') && /\bunsigned\b/i.test(a) === /\bunsigned\b/i.test(b);
}
