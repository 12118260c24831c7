// Small readers of libpg-query nodes shared by the statement describers (sql/pgStatements.ts, sql/pgAlterTable.ts):
// table references, name lists and their last part, and the value inside a cast or a to_json().

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

// Functions that turn any value into JSON holding it whole: to_json(text) is the same text as a JSON string.
const WHOLE_VALUE_FUNCTIONS = new Set(['to_json', 'to_jsonb']);

/** The value inside a cast or inside to_json(...), or undefined when `value` is neither. */
export function unwrapped(value: Node): Node | undefined {
  if ('TypeCast' in value) return value.TypeCast.arg;
  if (!('FuncCall' in value)) return undefined;
  const { funcname, args } = value.FuncCall;
  return args?.length === 1 && WHOLE_VALUE_FUNCTIONS.has(last(strings(funcname)).toLowerCase()) ? args[0] : undefined;
}
