// Synthetic rows, so that "rows removed" means something: N rows per table with values of each column's type,
// foreign keys pointing at rows of the referenced table, and NULL in every other row's nullable columns (so
// SET NOT NULL meets the NULLs production tables hold). A row the table's constraints refuse is left out.

import { quoteIdent as q } from '../db/catalog';
import type { Scratch } from './scratch';
import { RehearsalTimeout } from './scratchProtocol';

interface FillColumn {
  table_oid: string;
  schema: string;
  table: string;
  name: string;
  type: string;
  not_null: boolean;
  category: string;
  ref_table: string | null;
  ref_column: string | null;
}

// Columns a row must be given a value for: no default, identity or generated value fills them.
const FILL_COLUMNS = `
SELECT c.oid::text AS table_oid, n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, t.typcategory AS category,
       (SELECT quote_ident(rn.nspname) || '.' || quote_ident(rc.relname) FROM pg_constraint f JOIN pg_class rc ON rc.oid = f.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
         WHERE f.contype = 'f' AND f.conrelid = c.oid AND f.conkey = ARRAY[a.attnum] LIMIT 1) AS ref_table,
       (SELECT ra.attname FROM pg_constraint f JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = f.confkey[1]
         WHERE f.contype = 'f' AND f.conrelid = c.oid AND f.conkey = ARRAY[a.attnum] LIMIT 1) AS ref_column
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''
  AND NOT EXISTS (SELECT 1 FROM pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
ORDER BY c.oid, a.attnum`;

const TABLES = `
SELECT c.oid::text AS oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
       ARRAY(SELECT f.confrelid::text FROM pg_constraint f WHERE f.contype = 'f' AND f.conrelid = c.oid AND f.confrelid <> c.oid) AS refs
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
ORDER BY c.oid`;

/** Inserts up to `perTable` rows in each table; returns the tables where no row could be inserted. */
export async function fillRows(db: Scratch, perTable: number): Promise<string[]> {
  const tables = await db.query<{ oid: string; name: string; refs: string[] }>(TABLES);
  const columns = await db.query<FillColumn>(FILL_COLUMNS);
  const byTable = new Map<string, FillColumn[]>();
  for (const c of columns) byTable.set(c.table_oid, [...(byTable.get(c.table_oid) ?? []), c]);
  const empty: string[] = [];
  for (const t of dependencyOrder(tables)) {
    const cols = byTable.get(t.oid) ?? [];
    let inserted = 0;
    for (let i = 1; i <= perTable; i++) {
      // Every second row leaves its nullable columns NULL; if the table refuses that, it gets values.
      const tries = i % 2 === 0 ? [false, true] : [true];
      for (const filled of tries) {
        const chosen = cols.filter((c) => c.not_null || filled);
        const sql = chosen.length === 0
          ? `INSERT INTO ${t.name} DEFAULT VALUES`
          : `INSERT INTO ${t.name} (${chosen.map((c) => q(c.name)).join(', ')}) VALUES (${chosen.map((c) => valueFor(c, i)).join(', ')})`;
        try {
          await db.exec(sql);
          inserted++;
          break;
        } catch (err) {
          if (err instanceof RehearsalTimeout) throw err;
          // A check or unique constraint refused this row: the table gets fewer rows.
        }
      }
    }
    if (inserted === 0 && perTable > 0) empty.push(t.name);
  }
  return empty;
}

function dependencyOrder<T extends { oid: string; refs: string[] }>(tables: T[]): T[] {
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const seen = new Set<string>();
  const out: T[] = [];
  const visit = (t: T) => {
    if (seen.has(t.oid)) return;
    seen.add(t.oid);
    for (const ref of t.refs) {
      const r = byOid.get(ref);
      if (r) visit(r);
    }
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

function valueFor(c: FillColumn, i: number): string {
  if (c.ref_table && c.ref_column) return `(SELECT ${q(c.ref_column)} FROM ${c.ref_table} ORDER BY 1 OFFSET ${i - 1} LIMIT 1)`;
  const cast = (literal: string) => `'${literal}'::${c.type}`;
  const bounded = /\((\d+)\)$/.exec(c.type);
  switch (c.category) {
    case 'N':
      return cast(String(i));
    case 'B':
      return cast(i % 2 === 0 ? 'true' : 'false');
    case 'D':
      return cast(`2026-01-${String(((i - 1) % 28) + 1).padStart(2, '0')} 12:00:00`);
    case 'T':
      return cast(`${i} days`);
    case 'I':
      return cast(`10.0.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`);
    case 'A':
      return cast('{}');
    case 'E':
      return `(enum_range(NULL::${c.type}))[1]`;
    case 'S':
      return cast(bounded ? `${i}`.slice(-Number(bounded[1])) : `row ${i}`);
  }
  if (/^uuid$/.test(c.type)) return `md5('${i}')::uuid`;
  if (/^jsonb?$/.test(c.type)) return cast('{}');
  if (c.type === 'bytea') return cast('\\x00');
  return cast(String(i));
}

/** Rows per table (`public.users`) and non-null values per column (`public.users.email`). */
export interface Counts {
  rows: Map<string, number>;
  values: Map<string, number>;
}

// jsonb_build_array takes at most 100 arguments; wider tables are counted in several arrays.
const PER_ARRAY = 100;

/** Exact counts of every user table's rows and of each column's non-null values, in one query (one scan per table). */
export async function countAll(db: Scratch, tables: Array<{ schema: string; name: string; columns: string[] }>): Promise<Counts> {
  const counts: Counts = { rows: new Map(), values: new Map() };
  if (tables.length === 0) return counts;
  const parts = tables.map((t, n) => {
    const arrays: string[] = [];
    for (let i = 0; i < t.columns.length; i += PER_ARRAY) arrays.push(`jsonb_build_array(${t.columns.slice(i, i + PER_ARRAY).map((c) => `count(${q(c)})`).join(', ')})`);
    const values = arrays.length === 0 ? `'[]'::jsonb` : arrays.join(' || ');
    return `SELECT ${n} AS i, count(*)::int AS n, ${values} AS v FROM ${q(t.schema)}.${q(t.name)}`;
  });
  const rows = await db.query<{ i: number; n: number; v: number[] | string }>(parts.join(' UNION ALL '));
  for (const r of rows) {
    const t = tables[r.i];
    counts.rows.set(`${t.schema}.${t.name}`, Number(r.n));
    const v = typeof r.v === 'string' ? (JSON.parse(r.v) as number[]) : r.v;
    t.columns.forEach((c, j) => counts.values.set(`${t.schema}.${t.name}.${c}`, Number(v[j])));
  }
  return counts;
}
