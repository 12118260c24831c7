// One side of a migration (up or down) as the statements the rehearsal runs, with their offsets in the
// file, and which of them cannot run inside a transaction block.

import { splitStatements } from '../parse/sqlSplit';
import type { Range } from '../ops';

export interface MigrationSide {
  path: string;
  text: string;
  /** The parts of the text that belong to this side (a goose/dbmate section, or the whole file). */
  segments: Range[];
  /** false for goose's NO TRANSACTION and dbmate's transaction:false: each statement commits on its own. */
  inTransaction: boolean;
}

export interface RunStatement {
  start: number;
  end: number;
  text: string;
}

export function statementsOf(side: MigrationSide): RunStatement[] {
  return side.segments.flatMap((seg) =>
    splitStatements(side.text.slice(seg.start, seg.end)).map((s) => ({ start: seg.start + s.start, end: seg.start + s.end, text: s.text })),
  );
}

// PostgreSQL refuses these inside a transaction block ("cannot run inside a transaction block").
const OUTSIDE = /^(?:create\s+(?:unique\s+)?index\s+concurrently|drop\s+index\s+concurrently|reindex\b[^;]{0,200}?\bconcurrently|vacuum|create\s+database|drop\s+database|alter\s+system|create\s+tablespace|drop\s+tablespace|alter\s+table\b[^;]{0,400}?\bdetach\s+partition\b[^;]{0,400}?\bconcurrently)\b/i;
// The rehearsal runs its own transaction; a migration's own BEGIN/COMMIT would end it early.
const TRANSACTION_CONTROL = /^(?:begin|start\s+transaction|commit|end|rollback|abort)\b\s*(?:transaction|work)?\s*;?$/i;

export function runsOutsideTransaction(sql: string): boolean {
  return OUTSIDE.test(sql);
}

export function isTransactionControl(sql: string): boolean {
  return TRANSACTION_CONTROL.test(sql.trim());
}

// Identifiers as the migration writes them: unquoted ones folded to lower case, quoted ones as they are.
const IDENTIFIER = /"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)/g;

/** Every name the migration's text mentions, for telling what it dropped on purpose from what a CASCADE took. */
export function namesIn(texts: string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(IDENTIFIER)) names.add(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].toLowerCase());
  return names;
}
