// An enum recreated without a label: `ALTER TYPE mood RENAME TO mood_old; CREATE TYPE mood AS ENUM
// ('happy'); ALTER TABLE t ALTER COLUMN c TYPE mood USING c::text::mood;`. The labels of each enum the
// file creates are kept, in file order, so a later type change to it asks for the values that are not
// among them: each one makes the cast, and so the migration, fail.

import type { Operation } from '../ops';
import { ParserNotReady } from '../parse/notReady';
import { pgParser } from '../parse/pg';

type Node = Record<string, unknown>;

const CREATE_TYPE = /^\s*CREATE\s+TYPE\b/i;

/** Labels by lower-case type name (without its schema) of the enums created so far. */
export type CreatedEnums = Map<string, string[]>;

/** Notes an enum a statement of the file creates (a CREATE TYPE read as other SQL). */
export function noteCreatedEnum(op: Operation, enums: CreatedEnums): void {
  const sql = op.details.sql;
  if (op.kind !== 'other-sql' || !sql || !CREATE_TYPE.test(sql) || sql.endsWith('…')) return;
  let stmt: Node | undefined;
  try {
    stmt = pgParser().parse(sql).stmts?.[0]?.stmt as Node | undefined;
  } catch (err) {
    if (err instanceof ParserNotReady) throw err;
    return;
  }
  const created = stmt?.CreateEnumStmt as Node | undefined;
  if (!created) return;
  const names = ((created.typeName as Node[] | undefined) ?? []).map((n) => String((n.String as Node | undefined)?.sval ?? ''));
  const labels = ((created.vals as Node[] | undefined) ?? []).map((n) => String((n.String as Node | undefined)?.sval ?? ''));
  if (names.length > 0) enums.set(names[names.length - 1].toLowerCase(), labels);
}

/** The labels of the enum a type change targets, when the file created it earlier. */
export function createdEnum(newType: string, enums: CreatedEnums): string[] | undefined {
  const name = newType.trim().replace(/^"|"$/g, '').split('.').pop()?.toLowerCase();
  return name ? enums.get(name) : undefined;
}
