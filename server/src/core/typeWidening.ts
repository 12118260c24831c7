// Whether a column type change keeps every existing value. Used where the old type is known (a Django
// field replayed from earlier migrations, a MySQL MODIFY or a PostgreSQL ALTER TYPE against the CREATE
// TABLE before it, an Alembic alter_column with existing_type or after its earlier revisions), so the
// alter-column-type rule can tell widening (a warning: the table is still rewritten) from narrowing.

import type { OpDetails } from './ops';
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
  // MySQL's TEXT holds 64 KiB; PostgreSQL's is unbounded (textCapacity).
  text: 65_535,
  mediumtext: 16_777_215,
  longtext: Number.POSITIVE_INFINITY,
  clob: Number.POSITIVE_INFINITY,
};
// Characters of the longest value of each integer rank, sign included (-128, -32768, ..., -9223372036854775808).
const INTEGER_DIGITS: Record<number, number> = { 1: 4, 2: 6, 3: 8, 4: 11, 5: 20 };
// Decimal digits of the largest value of each rank (127, 32767, 8388607, 2147483647, 9223372036854775807).
const INTEGER_PRECISION: Record<number, number> = { 1: 3, 2: 5, 3: 7, 4: 10, 5: 19 };
// Bits of the largest magnitude of each rank (2^7 ... 2^63): a float keeps it exactly if its mantissa is as wide.
const INTEGER_BITS: Record<number, number> = { 1: 7, 2: 15, 3: 23, 4: 31, 5: 63 };
const VARCHAR = new Set(['varchar', 'character varying', 'nvarchar', 'char', 'character', 'nchar']);
const DECIMAL = new Set(['decimal', 'numeric']);
const SINGLE = 24;
const DOUBLE = 53;
// Mantissa bits. FLOAT alone is double precision in PostgreSQL and single in MySQL; FLOAT(p) is single up to 24.
const FLOAT_BITS: Record<string, number> = { real: SINGLE, float4: SINGLE, double: DOUBLE, 'double precision': DOUBLE, float8: DOUBLE };
const SCALAR_TEXT_LENGTH: Record<string, number> = { boolean: 5, bool: 5, uuid: 36 };
// Date and time types by what they hold; MySQL's TIMESTAMP (1970-2038, in UTC) and DATETIME differ, PostgreSQL has no DATETIME.
const TEMPORAL: Record<string, string> = {
  date: 'date',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  datetime: 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  'time without time zone': 'time',
  timetz: 'timetz',
  'time with time zone': 'timetz',
};

function parse(type: string): ParsedType {
  const t = withoutCollation(type.trim().toLowerCase().replace(/\s+/g, ' '));
  const m = /^([a-z ]+?)\s*(?:\((.*)\))?(?: unsigned)?$/.exec(t);
  if (!m) return { base: t, args: [], values: [] };
  const inner = m[2] ?? '';
  const values = [...inner.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]);
  const args = values.length > 0 ? [] : inner.split(',').map((a) => Number(a.trim())).filter((n) => !Number.isNaN(n) && inner !== '');
  return { base: m[1].trim(), args, values };
}

/** A collation decides how values sort and compare, not which values fit: `varchar(100) collate "x"` -> varchar(100). */
function withoutCollation(type: string): string {
  const at = type.indexOf(' collate ');
  return at < 0 ? type : type.slice(0, at);
}

function textCapacity(t: ParsedType, dialect?: SqlDialect): number | undefined {
  if (VARCHAR.has(t.base)) return t.args[0] ?? (t.base.startsWith('char') ? 1 : Number.POSITIVE_INFINITY);
  // PostgreSQL's text is unbounded, like its varchar without a length and the citext extension's type.
  if ((t.base === 'text' || t.base === 'citext') && dialect === 'postgres') return Number.POSITIVE_INFINITY;
  return TEXT_CAPACITY[t.base];
}

/** The most characters a value of a non-text type takes as text ('-1.2345678901234567e+308', '294276-12-31 23:59:59.999999+00 BC'). */
function textLength(t: ParsedType, dialect?: SqlDialect): number | undefined {
  if (DECIMAL.has(t.base) && t.args.length > 0) return t.args[0] + 2;
  if (floatBits(t, dialect) !== undefined) return 24;
  const temporal = TEMPORAL[t.base];
  if (temporal) return temporal === 'date' ? 13 : 35;
  return SCALAR_TEXT_LENGTH[t.base];
}

function floatBits(t: ParsedType, dialect?: SqlDialect): number | undefined {
  // DOUBLE_PRECISION(precision=53), as Alembic reflects it, is double precision all the same.
  if (t.base !== 'float') return FLOAT_BITS[t.base];
  if (t.args.length === 0) return dialect === 'postgres' ? DOUBLE : SINGLE;
  // MySQL's FLOAT(M,D) rounds to D decimals.
  return t.args.length === 1 ? (t.args[0] <= SINGLE ? SINGLE : DOUBLE) : undefined;
}

/** Digits before and after the point; PostgreSQL's NUMERIC without a precision holds any number, MySQL's is DECIMAL(10,0). */
function decimalDigits(t: ParsedType, dialect?: SqlDialect): { whole: number; scale: number } {
  if (t.args.length === 0 && dialect === 'postgres') return { whole: Number.POSITIVE_INFINITY, scale: Number.POSITIVE_INFINITY };
  const [p = 10, s = 0] = t.args;
  return { whole: p - s, scale: s };
}

function temporalWidening(a: ParsedType, b: ParsedType, dialect?: SqlDialect): boolean {
  const [x, y] = [TEMPORAL[a.base], TEMPORAL[b.base]];
  // MySQL's TIMESTAMP holds neither dates before 1970 nor after 2038; DATETIME(p) holds every DATE.
  if (dialect === 'mysql') return (a.base === b.base && (a.args[0] ?? 0) <= (b.args[0] ?? 0)) || (a.base === 'date' && b.base === 'datetime');
  // Fractional seconds: 6 digits unless given.
  if (x === y) return x === 'date' || (a.args[0] ?? 6) <= (b.args[0] ?? 6);
  return x === 'date' && y === 'timestamp';
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
  const rankA = INTEGER_RANK[a.base];
  if (rankA !== undefined && b.base in INTEGER_RANK) return rankA <= INTEGER_RANK[b.base];
  const capA = textCapacity(a, dialect);
  const capB = textCapacity(b, dialect);
  // An integer written out as text: the longest value of each size, with its sign, fits.
  if (rankA !== undefined && capB !== undefined) return capB >= INTEGER_DIGITS[rankA];
  if (capA !== undefined && capB !== undefined) return capA <= capB;
  // Any other value written out as text: unbounded text holds it, a bounded one its longest form.
  if (capB === Number.POSITIVE_INFINITY) return true;
  if (capB !== undefined) {
    const longest = textLength(a, dialect);
    return longest !== undefined && longest <= capB;
  }
  if (DECIMAL.has(a.base) && DECIMAL.has(b.base)) {
    const [x, y] = [decimalDigits(a, dialect), decimalDigits(b, dialect)];
    return y.whole >= x.whole && y.scale >= x.scale;
  }
  if (rankA !== undefined && DECIMAL.has(b.base)) return decimalDigits(b, dialect).whole >= INTEGER_PRECISION[rankA];
  const bitsB = floatBits(b, dialect);
  if (bitsB !== undefined) {
    if (rankA !== undefined) return INTEGER_BITS[rankA] <= bitsB;
    const bitsA = floatBits(a, dialect);
    if (bitsA !== undefined) return bitsA <= bitsB;
  }
  if (a.base in TEMPORAL && b.base in TEMPORAL) return temporalWidening(a, b, dialect);
  if (a.base === 'enum' && b.base === 'enum') return a.values.every((v) => b.values.includes(v));
  // PostgreSQL: every jsonb value is valid json text (the reverse can fail on \u0000 and loses duplicate keys).
  if (a.base === 'jsonb' && b.base === 'json') return true;
  return false;
}

/**
 * A date or a timestamp without time zone becoming timestamptz, or back (PostgreSQL): each value is
 * converted through the session's TimeZone, so unless that is UTC the times stored differ from the UTC
 * times the application most likely wrote, though no value is cut.
 */
export function readsInSessionZone(from: string, to: string, dialect?: SqlDialect): boolean {
  if (dialect === 'mysql' || dialect === 'sqlite') return false;
  const [x, y] = [TEMPORAL[parse(from).base], TEMPORAL[parse(to).base]];
  return ((x === 'date' || x === 'timestamp') && y === 'timestamptz') || (x === 'timestamptz' && y === 'timestamp');
}

// Names of one type (PostgreSQL's pg_catalog names, SQL standard spellings); FLOAT is not here: its
// meaning depends on the database.
const SYNONYMS: Record<string, string> = {
  numeric: 'decimal',
  'character varying': 'varchar',
  character: 'char',
  bpchar: 'char',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  'double precision': 'double',
  float8: 'double',
  float4: 'real',
  bool: 'boolean',
};

/** The same type written two ways (`VARCHAR(50)` and `varchar (50)`, `INT` and `integer`). */
export function sameType(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  const integer = x.base in INTEGER_RANK && y.base in INTEGER_RANK;
  const base = (t: ParsedType) => (t.base in INTEGER_RANK ? `int${INTEGER_RANK[t.base]}` : (SYNONYMS[t.base] ?? t.base));
  // MySQL's INT(11) is a display width, not a size.
  const args = integer || x.args.join(',') === y.args.join(',');
  return base(x) === base(y) && args && x.values.join('\u0000') === y.values.join('\u0000') && /\bunsigned\b/i.test(a) === /\bunsigned\b/i.test(b);
}

/**
 * Records on an alter-column's details what its type change does, given the column's previous type:
 * nothing (the type is restated), keeps every value, or reads each one in the session's time zone.
 * A USING expression that converts values (valuesConverted) decides for itself.
 */
export function judgeTypeChange(details: OpDetails, from: string, to: string, dialect?: SqlDialect): void {
  if (details.valuesConverted) return;
  const bits = floatBits(parse(from), dialect);
  if (sameType(from, to) || (bits !== undefined && bits === floatBits(parse(to), dialect))) {
    delete details.newType;
    return;
  }
  details.previousType = from;
  if (details.lossless) return;
  if (isWidening(from, to, dialect)) details.lossless = true;
  else if (readsInSessionZone(from, to, dialect)) details.sessionZone = true;
  else if (parse(from).base === 'json' && parse(to).base === 'jsonb') details.jsonNormalised = true;
}

/**
 * A column moved from one enum type to another (or from text filled from an enum): every value is one of
 * the old labels, so the change keeps them all when the new type has each one, and otherwise fails on
 * (or, after an UPDATE that rewrote them, has replaced) the values holding a label it lacks.
 */
export function judgeEnumChange(details: OpDetails, from: string | undefined, labels: { from: readonly string[]; to: readonly string[]; same: boolean }): void {
  if (details.valuesConverted) return;
  if (labels.same) {
    delete details.newType;
    return;
  }
  if (from !== undefined) details.previousType = from;
  const removed = labels.from.filter((l) => !labels.to.includes(l));
  if (removed.length === 0) details.lossless = true;
  else details.removedLabels = removed;
}
