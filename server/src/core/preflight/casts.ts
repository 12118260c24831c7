// Narrowing type changes: the values of today's column that the new type cannot hold. Each test is a
// condition over the column that is true for a value that fails; it never casts a value that could
// fail to cast (the query itself must not error), so tests are ranges, lengths and patterns.

import { quoteIdent } from '../db/catalog';

/** `what` follows "values of t.c are" (`be`) or "have" (`have`). */
export type CastTest = { condition: string; verb: 'be' | 'have'; what: string } | { why: string };

const INT_RANGES: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};
const INT_NAMES: Record<string, string> = { smallint: 'smallint', int2: 'smallint', integer: 'integer', int: 'integer', int4: 'integer', bigint: 'bigint', int8: 'bigint', smallinteger: 'smallint', biginteger: 'bigint' };
const NUMERIC = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);
const TEXT = /^(?:text|character varying(?:\(\d+\))?|character(?:\(\d+\))?|varchar(?:\(\d+\))?|char(?:\(\d+\))?|string(?:\(\d+\))?|unicode(?:\(\d+\))?)$/;
// What the integer input function accepts on PostgreSQL 15: optional blanks and sign, then digits.
const INT_PATTERN = "'^\\s*[+-]?[0-9]+\\s*$'";
const UUID_PATTERN = "'^\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\}?$'";

/** `sa.String(20)`, `VARCHAR(20)`, `models.CharField(max_length=20)` as frontends write it, lowered to one spelling. */
export function normaliseType(written: string): string {
  let t = written.trim().toLowerCase().replace(/^(?:sa|sqlalchemy|postgresql|sqltypes|types)\./, '').replace(/\(\)$/, '');
  t = t.replace(/\s+/g, ' ').replace(/\(\s*(?:length\s*=\s*)?(\d+)\s*\)/, '($1)');
  const numeric = /^(?:numeric|decimal)\(\s*(?:precision\s*=\s*)?(\d+)\s*,\s*(?:scale\s*=\s*)?(\d+)\s*\)$/.exec(t);
  if (numeric) return `numeric(${numeric[1]},${numeric[2]})`;
  if (INT_NAMES[t]) return INT_NAMES[t];
  const varchar = /^(?:varchar|character varying|string|unicode)\((\d+)\)$/.exec(t);
  if (varchar) return `varchar(${varchar[1]})`;
  const char = /^(?:char|character)\((\d+)\)$/.exec(t);
  if (char) return `char(${char[1]})`;
  return t;
}

function baseOf(current: string): string {
  return current.replace(/\(.*\)$/, '').trim();
}

/** `current`: the column's type as PostgreSQL prints it (format_type). */
export function castTest(column: string, current: string, written: string, serverVersionNum: number | undefined): CastTest {
  const c = quoteIdent(column);
  const target = normaliseType(written);
  const from = baseOf(current);
  const fromText = TEXT.test(current);
  const varchar = /^(?:varchar|char)\((\d+)\)$/.exec(target);
  if (varchar) return { condition: `pg_catalog.char_length(${fromText ? c : `${c}::text`}) > ${varchar[1]}`, verb: 'be', what: `longer than ${varchar[1]} characters` };
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(target);
  if (numeric && NUMERIC.has(from)) {
    const digits = Number(numeric[1]) - Number(numeric[2]);
    return { condition: `pg_catalog.abs(${c}::numeric) >= 1e${digits}`, verb: 'have', what: `more than ${digits} digits before the decimal point` };
  }
  const range = INT_RANGES[target];
  if (range && NUMERIC.has(from)) return { condition: `${c} NOT BETWEEN ${range[0]} AND ${range[1]}`, verb: 'be', what: `outside the ${target} range` };
  if (range && fromText) {
    // The cast inside the CASE only runs on a value the pattern accepted, so it cannot fail.
    return { condition: `CASE WHEN ${c} ~ ${INT_PATTERN} THEN pg_catalog.btrim(${c})::numeric NOT BETWEEN ${range[0]} AND ${range[1]} ELSE true END`, verb: 'be', what: `not valid as ${target}` };
  }
  if (!fromText) return { why: `a change from ${current} to ${written} is not one preflight can test` };
  if (serverVersionNum !== undefined && serverVersionNum >= 160000 && /^[a-z ]+$/.test(target)) {
    return { condition: `NOT pg_catalog.pg_input_is_valid(${c}, '${target}')`, verb: 'be', what: `not valid as ${target}` };
  }
  if (target === 'uuid') return { condition: `${c} !~ ${UUID_PATTERN}`, verb: 'be', what: 'not valid as uuid' };
  return { why: `testing text for ${written} needs pg_input_is_valid (PostgreSQL 16 or later)` };
}
