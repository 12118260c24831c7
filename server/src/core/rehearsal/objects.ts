// The catalog as a map of named objects, each with the DDL that recreates it and a definition to compare:
// the same read copies a schema into the scratch database and diffs it before and after each statement.
// Definitions come from PostgreSQL's own printers (format_type, pg_get_constraintdef, pg_get_indexdef,
// pg_get_viewdef), so two reads compare equal exactly when PostgreSQL would print the objects alike.

import { quoteIdent, type Queryable } from '../db/catalog';

export type ObjectKind = 'schema' | 'type' | 'sequence' | 'table' | 'column' | 'constraint' | 'index' | 'view';

export interface CatalogObject {
  kind: ObjectKind;
  /** `table public.users`, `column public.users.email`: unique across kinds. */
  key: string;
  schema: string;
  name: string;
  /** The table a column, constraint or index belongs to, or a sequence is owned by (`public.users`). */
  owner?: string;
  /** What a change is judged by. */
  def: string;
  /** Recreates the object; absent for what another object's DDL creates (a constraint's index, a column). */
  ddl?: string;
  /** pg_class oid (tables, views, indexes, sequences): how pg_locks names a relation. */
  oid?: string;
}

export type Catalog = Map<string, CatalogObject>;

const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
// Objects an extension created belong to the extension, not to the schema a migration changes.
const NOT_EXTENSION = (oid: string, catalog: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.classid = '${catalog}'::regclass AND d.deptype = 'e')`;

const SCHEMAS = `SELECT n.nspname AS schema FROM pg_namespace n WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION('n.oid', 'pg_namespace')} ORDER BY n.oid`;

const TYPES = `
SELECT n.nspname AS schema, t.typname AS name, t.typtype AS kind,
       (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)::text[] AS labels,
       format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS not_null, t.typdefault AS default
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd') AND ${USER_SCHEMA} AND ${NOT_EXTENSION('t.oid', 'pg_type')} ORDER BY t.oid`;

const RELATIONS = `
SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view_def
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${USER_SCHEMA} AND ${NOT_EXTENSION('c.oid', 'pg_class')} ORDER BY c.oid`;

const SEQUENCES = `
SELECT s.seqrelid::text AS oid, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS inc,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcycle AS cycle,
       d.refobjid::text AS table_oid, a.attname AS column, d.deptype AS deptype
FROM pg_sequence s
LEFT JOIN pg_depend d ON d.objid = s.seqrelid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid`;

const COLUMNS = `
SELECT a.attrelid::text AS table_oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       a.attidentity AS identity, a.attgenerated AS generated, pg_get_expr(d.adbin, d.adrelid) AS default
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND ${USER_SCHEMA}
ORDER BY a.attrelid, a.attnum`;

const CONSTRAINTS = `
SELECT con.conrelid::text AS table_oid, con.conname AS name, con.contype AS type, pg_get_constraintdef(con.oid) AS def, con.conindid::text AS index_oid
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND c.relkind IN ('r', 'p') AND ${USER_SCHEMA}
ORDER BY CASE con.contype WHEN 'f' THEN 1 ELSE 0 END, con.oid`;

const INDEXES = `
SELECT i.indexrelid::text AS oid, i.indrelid::text AS table_oid, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND ${USER_SCHEMA} ORDER BY i.indexrelid`;

interface Relation { oid: string; schema: string; name: string; kind: string; view_def: string | null }

const q = quoteIdent;
const qualified = (schema: string, name: string) => `${q(schema)}.${q(name)}`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Reads every user object in a few queries (one per kind, not one per table). */
export async function readObjects(db: Queryable): Promise<Catalog> {
  const out: Catalog = new Map();
  const add = (o: CatalogObject) => out.set(o.key, o);
  for (const s of await db.query<{ schema: string }>(SCHEMAS)) {
    add({ kind: 'schema', key: `schema ${s.schema}`, schema: s.schema, name: s.schema, def: '', ...(s.schema === 'public' ? {} : { ddl: `CREATE SCHEMA ${q(s.schema)}` }) });
  }
  for (const t of await db.query<{ schema: string; name: string; kind: string; labels: string[] | null; base: string; not_null: boolean; default: string | null }>(TYPES)) {
    const ddl = t.kind === 'e'
      ? `CREATE TYPE ${qualified(t.schema, t.name)} AS ENUM (${(t.labels ?? []).map(literal).join(', ')})`
      : `CREATE DOMAIN ${qualified(t.schema, t.name)} AS ${t.base}${t.not_null ? ' NOT NULL' : ''}${t.default ? ` DEFAULT ${t.default}` : ''}`;
    add({ kind: 'type', key: `type ${t.schema}.${t.name}`, schema: t.schema, name: t.name, def: ddl, ddl });
  }
  const relations = await db.query<Relation>(RELATIONS);
  const byOid = new Map(relations.map((r) => [r.oid, r]));
  const tableName = (oid: string) => {
    const r = byOid.get(oid);
    return r ? `${r.schema}.${r.name}` : oid;
  };
  const sequences = new Map((await db.query<SequenceRow>(SEQUENCES)).map((s) => [s.oid, s]));
  const columns = await db.query<ColumnRow>(COLUMNS);
  const columnsOf = new Map<string, ColumnRow[]>();
  for (const c of columns) columnsOf.set(c.table_oid, [...(columnsOf.get(c.table_oid) ?? []), c]);
  const owned: string[] = [];
  for (const r of relations) {
    const name = qualified(r.schema, r.name);
    if (r.kind === 'S') {
      const s = sequences.get(r.oid);
      // An identity column's sequence comes with the column.
      if (!s || s.deptype === 'i') continue;
      const owner = s.table_oid ? tableName(s.table_oid) : undefined;
      const def = `AS ${s.type} INCREMENT ${s.inc} MINVALUE ${s.min} MAXVALUE ${s.max} START ${s.start}${s.cycle ? ' CYCLE' : ''}`;
      if (owner && s.column) owned.push(`ALTER SEQUENCE ${name} OWNED BY ${qualifiedKey(owner)}.${q(s.column)}`);
      add({ kind: 'sequence', key: `sequence ${r.schema}.${r.name}`, schema: r.schema, name: r.name, def, ddl: `CREATE SEQUENCE ${name} ${def}`, oid: r.oid, ...(owner ? { owner } : {}) });
    } else if (r.kind === 'r' || r.kind === 'p') {
      const cols = columnsOf.get(r.oid) ?? [];
      const key = `${r.schema}.${r.name}`;
      for (const c of cols) add({ kind: 'column', key: `column ${key}.${c.name}`, schema: r.schema, name: c.name, owner: key, def: columnDef(c) });
      add({ kind: 'table', key: `table ${key}`, schema: r.schema, name: r.name, def: '', ddl: `CREATE TABLE ${name} (${cols.map((c) => `${q(c.name)} ${columnDef(c)}`).join(', ')})`, oid: r.oid });
    } else {
      const keyword = r.kind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW';
      const body = (r.view_def ?? '').trim().replace(/;$/, '');
      add({ kind: 'view', key: `view ${r.schema}.${r.name}`, schema: r.schema, name: r.name, def: body, ddl: `CREATE ${keyword} ${name} AS ${body}${r.kind === 'm' ? ' WITH NO DATA' : ''}`, oid: r.oid });
    }
  }
  const constraintIndexes = new Set<string>();
  for (const c of await db.query<{ table_oid: string; name: string; type: string; def: string; index_oid: string }>(CONSTRAINTS)) {
    const owner = tableName(c.table_oid);
    if (c.type !== 'f' && c.index_oid !== '0') constraintIndexes.add(c.index_oid);
    add({ kind: 'constraint', key: `constraint ${owner}.${c.name}`, schema: owner.split('.')[0], name: c.name, owner, def: c.def, ddl: `ALTER TABLE ${qualifiedKey(owner)} ADD CONSTRAINT ${q(c.name)} ${c.def}` });
  }
  for (const i of await db.query<{ oid: string; table_oid: string; name: string; def: string }>(INDEXES)) {
    const owner = tableName(i.table_oid);
    const schema = owner.split('.')[0];
    add({ kind: 'index', key: `index ${schema}.${i.name}`, schema, name: i.name, owner, def: i.def, oid: i.oid, ...(constraintIndexes.has(i.oid) ? {} : { ddl: i.def }) });
  }
  // OWNED BY needs the table; it comes last, with the keys that need every table.
  owned.forEach((ddl, n) => out.set(`owned ${n}`, { kind: 'sequence', key: `owned ${n}`, schema: '', name: '', def: '', ddl }));
  return out;
}

interface SequenceRow { oid: string; type: string; start: string; inc: string; min: string; max: string; cycle: boolean; table_oid: string | null; column: string | null; deptype: string | null }
interface ColumnRow { table_oid: string; name: string; type: string; not_null: boolean; identity: string; generated: string; default: string | null }

function columnDef(c: ColumnRow): string {
  let def = c.type;
  if (c.generated === 's' && c.default) def += ` GENERATED ALWAYS AS (${c.default}) STORED`;
  else if (c.default) def += ` DEFAULT ${c.default}`;
  if (c.identity) def += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  if (c.not_null) def += ' NOT NULL';
  return def;
}

function qualifiedKey(key: string): string {
  const dot = key.indexOf('.');
  return qualified(key.slice(0, dot), key.slice(dot + 1));
}

/** Objects `before` has that `after` lacks, and objects whose definition differs. */
export function diffObjects(before: Catalog, after: Catalog): { gone: CatalogObject[]; changed: Array<{ before: CatalogObject; after: CatalogObject }>; added: CatalogObject[] } {
  const gone: CatalogObject[] = [];
  const changed: Array<{ before: CatalogObject; after: CatalogObject }> = [];
  const added: CatalogObject[] = [];
  for (const [key, b] of before) {
    if (key.startsWith('owned ')) continue;
    const a = after.get(key);
    if (!a) gone.push(b);
    else if (a.def !== b.def) changed.push({ before: b, after: a });
  }
  for (const [key, a] of after) if (!key.startsWith('owned ') && !before.has(key)) added.push(a);
  return { gone, changed, added };
}

/** In the order that recreates them: schemas, types, sequences, tables, constraints (foreign keys last), indexes, views, OWNED BY. */
export function recreationDdl(catalog: Catalog): string[] {
  const order: Record<string, number> = { schema: 0, type: 1, sequence: 2, table: 3, constraint: 4, index: 5, view: 6 };
  const objects = [...catalog.values()].filter((o) => o.ddl);
  const rank = (o: CatalogObject) => (o.key.startsWith('owned ') ? 7 : order[o.kind]);
  // Stable: within a kind, catalog order (oid order, so a view comes after the views it reads).
  return objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map(({ o }) => o.ddl as string);
}
