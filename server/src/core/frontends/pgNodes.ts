// Small readers of libpg-query nodes shared by the statement describers (pgStatements.ts, pgAlterTable.ts):
// table references, name lists and their last part.

import type { Node, RangeVar } from 'libpg-query';
import type { TableRef } from './pgStatements';

export function tableRef(r: RangeVar | undefined): Partial<TableRef> {
  const ref: Partial<TableRef> = {};
  if (r?.relname !== undefined) ref.table = r.relname;
  if (r?.schemaname !== undefined) ref.schema = r.schemaname;
  return ref;
}

export function namedTable(r: RangeVar): TableRef[] {
  if (r.relname === undefined) return [];
  return r.schemaname === undefined ? [{ table: r.relname }] : [{ schema: r.schemaname, table: r.relname }];
}

export function rangeVars(nodes: Node[] | undefined): RangeVar[] {
  return (nodes ?? []).flatMap((n) => ('RangeVar' in n ? [n.RangeVar] : []));
}

export function strings(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
}

export function last(names: string[]): string {
  return names[names.length - 1] ?? '';
}
