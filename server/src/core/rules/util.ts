import { tableFact } from '../facts';
import type { Operation, OpKind } from '../ops';
import { isDownPhase } from '../ops';
import type { RuleContext, RuleHit } from './types';

export function opsOf(ctx: RuleContext, ...kinds: OpKind[]): Operation[] {
  return ctx.result.ops.filter((op) => kinds.includes(op.kind));
}

export function lineOf(ctx: RuleContext, offset: number): number {
  return ctx.index.position(offset).line + 1;
}

export function qualified(op: Operation): string {
  if (!op.table && op.details.model) return `the table of model ${op.details.model}`;
  if (!op.table) return 'a table whose name is computed at run time';
  return op.schema ? `${op.schema}.${op.table}` : op.table;
}

export function columnRef(op: Operation): string {
  if (!op.column && !op.table && !op.details.model) return 'a column named at run time of a table named at run time';
  if (!op.column) return `a column of ${qualified(op)} whose name is computed at run time`;
  return op.table ? `${op.table}.${op.column}` : `column ${op.column}`;
}

/**
 * Tables created earlier in the same phase of this file are new and empty: locking and NOT NULL rules do not
 * apply. `CREATE TABLE IF NOT EXISTS` proves nothing: the table may already be there, full of rows.
 */
export function createdEarlier(ctx: RuleContext, op: Operation): boolean {
  if (!op.table) return false;
  return ctx.result.ops.some(
    (o) => o.kind === 'create-table' && !o.details.ifExists && o.table === op.table && o.phase === op.phase && runsAt(o) < runsAt(op),
  );
}

/** Where an operation runs in the file's order (a RunPython function runs where its RunPython stands). */
function runsAt(op: Operation): number {
  return op.details.ranAt ?? op.range.start;
}

/**
 * Data that did not exist before this phase ran cannot be lost by it: a table created, or a column added,
 * earlier in the same phase (a squashed migration that creates a table and later drops it, a backfill of
 * a column added just before). IF NOT EXISTS, or a create whose failure an `except` swallows, proves nothing.
 */
export function newInThisPhase(ctx: RuleContext, op: Operation): boolean {
  if (op.details.newInMigration || createdEarlier(ctx, op)) return true;
  const columns = op.kind === 'update-rows' ? (op.details.columns ?? []).map((c) => c.name) : op.column ? [op.column] : [];
  if (!op.table || columns.length === 0) return false;
  return columns.every((column) =>
    ctx.result.ops.some((o) => o.kind === 'add-column' && !o.details.ifExists && o.table === op.table && o.column === column && o.phase === op.phase && runsAt(o) < runsAt(op)),
  );
}

export function hit(op: Operation, message: string, extra: Partial<RuleHit> = {}): RuleHit {
  const h: RuleHit = { range: op.range, message, op, phase: op.phase, ...extra };
  if (op.table !== undefined) h.table = op.table;
  if (op.column !== undefined) h.column = op.column;
  return h;
}

/** The sentence every data-loss message ends with: what protects the operation, or how to protect it. */
export function protection(ctx: RuleContext, op: Operation, rule: string): string {
  if (op.guard?.copiedInto) {
    const where = op.guard.copiedIn ? `by ${op.guard.copiedIn}, an earlier file of this migration` : `on line ${lineOf(ctx, op.guard.range.start)}`;
    return ` Its values were copied into ${op.table}.${op.guard.copiedInto} ${where}, so they are kept.`;
  }
  if (op.guard) {
    const what = op.guard.kind === 'backup' ? 'a backup' : op.guard.kind === 'archive-rename' ? 'an archive rename' : 'an emptiness check';
    return ` Protected by ${what} on line ${lineOf(ctx, op.guard.range.start)}.`;
  }
  if (isDownPhase(op.phase)) return ' This runs on rollback.';
  return ` Guard it, back the data up first, or acknowledge it with \`migration-guard: allow ${rule} -- <reason>\`.`;
}

/**
 * A downgrade that drops what its own upgrade created is the expected inverse, not a loss to review:
 * the rows in it were written after this migration ran.
 */
export function undoesOwnUpgrade(ctx: RuleContext, op: Operation): boolean {
  if (!isDownPhase(op.phase) || !op.table) return false;
  return ctx.result.ops.some((o) => {
    if (isDownPhase(o.phase) || o.table !== op.table) return false;
    if (o.kind === 'create-table') return true;
    return op.kind === 'drop-column' && o.kind === 'add-column' && o.column === op.column;
  });
}

/**
 * A downgrade step that reverses one of its own upgrade's steps (drops the index or constraint the
 * upgrade added, renames back what it renamed) restores the old schema: the expected inverse.
 */
export function reversesOwnUpgrade(ctx: RuleContext, op: Operation): boolean {
  if (!isDownPhase(op.phase)) return false;
  const d = op.details;
  return ctx.result.ops.some((o) => {
    if (isDownPhase(o.phase)) return false;
    switch (op.kind) {
      case 'drop-index':
        return o.kind === 'create-index' && d.indexName !== undefined && o.details.indexName === d.indexName;
      case 'drop-constraint':
        // Autogenerate leaves unnamed constraints to the naming convention: None on both sides.
        return o.kind === 'add-constraint' && o.table === op.table && o.details.constraintName === d.constraintName;
      case 'rename-table':
        return o.kind === 'rename-table' && o.details.newName === op.table && o.table === d.newName;
      case 'rename-column':
        return o.kind === 'rename-column' && o.table === op.table && o.details.newName === op.column && o.column === d.newName;
      default:
        return false;
    }
  });
}

export function autogenNote(op: Operation): string {
  return op.autogenerated && !isDownPhase(op.phase) ? ' Alembic autogenerate emitted this: it drops whatever has no model, so check the model is not simply missing.' : '';
}

/** Guarded data-loss operations stay visible, one level quieter. */
export function guardedSeverity(op: Operation): Partial<RuleHit> {
  return op.guard ? { severity: 'info' } : {};
}

export function dynamicNote(op: Operation): string {
  return op.dynamic ? ' The SQL is built at run time, so what it touches cannot be read exactly.' : '';
}

/** Drops of columns whose values `UPDATE t SET new = old` copied, by phase, table and column; built once per file. */
const COPIED_DROPS = new WeakMap<RuleContext['result'], Map<string, Operation>>();

function copiedDrop(ctx: RuleContext, phase: string, table: string, column: string): Operation | undefined {
  let drops = COPIED_DROPS.get(ctx.result);
  if (!drops) {
    drops = new Map();
    for (const o of ctx.result.ops) if (o.kind === 'drop-column' && o.guard?.copiedInto && o.table && o.column) drops.set(`${o.phase}\0${o.table}\0${o.column}`, o);
    COPIED_DROPS.set(ctx.result, drops);
  }
  return drops.get(`${phase}\0${table}\0${column}`);
}

/**
 * The last step of copy-drop-rename: `UPDATE t SET new = old`, drop `old`, rename `new` to `old`. The
 * column keeps its name and its values, so code using it does not break and a rollback has it.
 */
export function restoresCopiedColumn(ctx: RuleContext, rename: Operation): boolean {
  const name = rename.details.newName;
  if (!name || !rename.table || !rename.column) return false;
  const drop = copiedDrop(ctx, rename.phase, rename.table, name);
  return drop !== undefined && drop.guard?.copiedInto === rename.column && drop.range.start < rename.range.start;
}

/** The drop of copy-drop-rename (see restoresCopiedColumn). */
export function columnCopiedBack(ctx: RuleContext, drop: Operation): boolean {
  const into = drop.guard?.copiedInto;
  if (!into || !drop.table || !drop.column) return false;
  return ctx.result.ops.some((o) => o.kind === 'rename-column' && o.phase === drop.phase && o.table === drop.table && o.column === into && o.details.newName === drop.column && o.range.start > drop.range.start);
}

/**
 * DROP TABLE IF EXISTS of a table no earlier migration created (and, when a database is configured, that
 * it does not have): there is nothing to drop.
 */
export function dropsNothing(ctx: RuleContext, op: Operation): boolean {
  if (!op.details.notCreated || !op.table) return false;
  return !(ctx.facts?.db && tableFact(ctx.facts, op.table, op.schema));
}
