// Real rows for a rehearsal (`--sample N`, opt-in): up to N rows of each table of the configured database,
// read in its read-only session as JSON, held in memory only and inserted into the scratch database, never
// written anywhere else. A table the session may not read, and a row the copy's constraints refuse (a
// foreign key pointing at a row that was not sampled), are left out and counted.

import { quoteIdent as q, type Queryable } from '../db/catalog';
import type { Catalog } from './objects';
import type { Scratch } from './scratch';
import { RehearsalTimeout } from './scratchProtocol';

/** Rows per table (`public.users`), each as the JSON text of `to_jsonb(row)`. */
export type SampledRows = Map<string, string[]>;

export async function readSample(db: Queryable, catalog: Catalog, perTable: number): Promise<{ rows: SampledRows; unreadable: string[] }> {
  const rows: SampledRows = new Map();
  const unreadable: string[] = [];
  for (const o of catalog.values()) {
    if (o.kind !== 'table') continue;
    const key = `${o.schema}.${o.name}`;
    try {
      const got = await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${q(o.schema)}.${q(o.name)} t LIMIT ${perTable}`);
      rows.set(key, got.map((r) => r.row));
    } catch {
      unreadable.push(key);
    }
  }
  return { rows, unreadable };
}

/**
 * Inserts the sampled rows, parents before children; the columns are the ones a row may be given (not
 * generated ones), identity values kept. Returns the rows refused, per table.
 */
export async function insertSample(db: Scratch, catalog: Catalog, sample: SampledRows): Promise<Record<string, number>> {
  const generated = new Set((await db.query<{ key: string }>(`SELECT n.nspname || '.' || c.relname || '.' || a.attname AS key FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attgenerated <> '' AND a.attnum > 0`)).map((r) => r.key));
  const columns = new Map<string, string[]>();
  for (const o of catalog.values()) if (o.kind === 'column' && o.owner && !generated.has(`${o.owner}.${o.name}`)) columns.set(o.owner, [...(columns.get(o.owner) ?? []), o.name]);
  const refused: Record<string, number> = {};
  // Up to as many passes as there are tables: a row refused for a parent not yet there gets another try.
  let pending = [...sample].flatMap(([table, rows]) => rows.map((row) => ({ table, row })));
  for (let pass = 0; pending.length > 0 && pass < sample.size; pass++) {
    const next: typeof pending = [];
    for (const p of pending) {
      const [schema, name] = [p.table.slice(0, p.table.indexOf('.')), p.table.slice(p.table.indexOf('.') + 1)];
      const cols = (columns.get(p.table) ?? []).map(q).join(', ');
      try {
        await db.query(`INSERT INTO ${q(schema)}.${q(name)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM jsonb_populate_record(NULL::${q(schema)}.${q(name)}, $1::jsonb)`, [p.row]);
      } catch (err) {
        if (err instanceof RehearsalTimeout) throw err;
        next.push(p);
      }
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  for (const p of pending) refused[p.table] = (refused[p.table] ?? 0) + 1;
  return refused;
}
