// Statements that define or change an enum type -> other-sql drafts that carry the change (enumChange),
// so the replayed schema (sql/schema.ts) knows each enum's labels when a later migration moves a column
// from one enum type to another, as Prisma does by recreating the type (CREATE TYPE x_new, ALTER COLUMN
// .. TYPE x_new USING c::text::x_new, DROP TYPE x, RENAME x_new TO x).

import type { Node } from 'libpg-query';
import { last, strings } from './pgNodes';
import type { OpDraft } from './pgStatements';

/** The enum change `node` makes, or undefined when it is not one of these statements. */
export function enumOps(node: Node): OpDraft[] | undefined {
  if ('CreateEnumStmt' in node) {
    const { typeName, vals } = node.CreateEnumStmt;
    return change(strings(typeName), { labels: strings(vals) });
  }
  if ('AlterEnumStmt' in node) {
    const { typeName, oldVal, newVal } = node.AlterEnumStmt;
    if (newVal === undefined) return [];
    return change(strings(typeName), oldVal !== undefined ? { renameLabel: { from: oldVal, to: newVal } } : { add: newVal });
  }
  if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_TYPE') {
    const { object, newname } = node.RenameStmt;
    const name = object && 'List' in object ? strings(object.List.items) : [];
    return newname ? change(name, { renameTo: newname }) : [];
  }
  return undefined;
}

function change(name: string[], what: { labels?: string[]; add?: string; renameLabel?: { from: string; to: string }; renameTo?: string }): OpDraft[] {
  const type = last(name);
  if (!type) return [];
  const draft: OpDraft = { kind: 'other-sql', details: { enumChange: { type, ...what } } };
  if (name.length > 1) draft.schema = name[name.length - 2];
  return [draft];
}
