// What rules and fix builders ask about the other operations of a file, for every operation: built in
// one pass over the operations, so a file of 100,000 drops costs linear time rather than a scan of all
// operations per operation (which took minutes).

import { isDownPhase, type FrontendResult, type Operation } from '../ops';

// Each part prefixed by its length ('-' for a missing one), so no two lists of parts give one key, whatever
// the names hold: JSON.stringify of the parts cost more than the rest of the index.
const key = (...parts: (string | undefined)[]) => parts.map((p) => (p === undefined ? '-' : `${p.length}:${p}`)).join('');

/** Where an operation runs in the file's order (a RunPython function runs where its RunPython stands). */
function runsAt(op: Operation): number {
  return op.details.ranAt ?? op.range.start;
}

interface AtOffset {
  /** Tables of the operations that start here (one frontend call unrolled over a loop starts several). */
  tables: Set<string | undefined>;
  /** Operations starting here other than plain `other-sql`. */
  classified: number;
}

function before(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

export class OpIndex {
  /**
   * Where each operation stands in the file's order: where it runs, then its place among the operations
   * (all the statements of a SQL string kept in a constant, as Django's RunSQL(SQL) passes it, share the
   * range of the call that runs them, and run in the order they were read).
   */
  private readonly order = new Map<Operation, [number, number]>();
  /** The earliest `CREATE TABLE` without IF NOT EXISTS, by phase and table. */
  private readonly created = new Map<string, [number, number]>();
  /** The earliest added column, by phase, table and column. */
  private readonly added = new Map<string, [number, number]>();
  /** What the upgrade (or up) phases create, add and rename, for the downgrade checks. */
  private readonly upCreatedTables = new Set<string | undefined>();
  private readonly upAddedColumns = new Set<string>();
  private readonly upIndexes = new Set<string>();
  private readonly upConstraints = new Set<string>();
  private readonly upTableRenames = new Set<string>();
  private readonly upColumnRenames = new Set<string>();
  private readonly starts = new Map<number, AtOffset>();

  constructor(ops: readonly Operation[]) {
    ops.forEach((o, i) => this.order.set(o, [runsAt(o), i]));
    for (const o of ops) {
      this.note(o);
      const at = this.starts.get(o.range.start) ?? { tables: new Set(), classified: 0 };
      at.tables.add(o.table);
      if (o.kind !== 'other-sql') at.classified++;
      this.starts.set(o.range.start, at);
    }
  }

  private note(o: Operation): void {
    const at = this.order.get(o) as [number, number];
    const earliest = (map: Map<string, [number, number]>, k: string) => {
      const known = map.get(k);
      if (!known || before(at, known)) map.set(k, at);
    };
    // IF NOT EXISTS proves nothing: the table or column may already be there, full of values.
    if (o.kind === 'create-table' && !o.details.ifExists && o.table !== undefined) earliest(this.created, key(o.phase, o.table));
    if (o.kind === 'add-column' && !o.details.ifExists && o.table !== undefined && o.column !== undefined) earliest(this.added, key(o.phase, o.table, o.column));
    if (isDownPhase(o.phase)) return;
    const d = o.details;
    switch (o.kind) {
      case 'create-table':
        this.upCreatedTables.add(o.table);
        break;
      case 'add-column':
        this.upAddedColumns.add(key(o.table, o.column));
        break;
      case 'create-index':
        if (d.indexName !== undefined) this.upIndexes.add(d.indexName);
        break;
      case 'add-constraint':
        // Autogenerate leaves unnamed constraints to the naming convention: None on both sides.
        this.upConstraints.add(key(o.table, d.constraintName));
        break;
      case 'rename-table':
        this.upTableRenames.add(key(o.table, d.newName));
        break;
      case 'rename-column':
        this.upColumnRenames.add(key(o.table, o.column, d.newName));
        break;
      default:
    }
  }

  /** A `CREATE TABLE` of `op`'s table ran earlier in `op`'s phase. */
  createdEarlier(op: Operation): boolean {
    return op.table !== undefined && this.precedes(this.created.get(key(op.phase, op.table)), op);
  }

  /** `column` of `op`'s table was added earlier in `op`'s phase. */
  addedEarlier(op: Operation, column: string): boolean {
    return op.table !== undefined && this.precedes(this.added.get(key(op.phase, op.table, column)), op);
  }

  /** `at` comes before `op` in the file's order (an operation not indexed here: before where it runs). */
  private precedes(at: [number, number] | undefined, op: Operation): boolean {
    return at !== undefined && before(at, this.order.get(op) ?? [runsAt(op), -1]);
  }

  /** The upgrade creates `op`'s table, or (for a dropped column) adds that column. */
  upgradeCreates(op: Operation): boolean {
    if (this.upCreatedTables.has(op.table)) return true;
    return op.kind === 'drop-column' && this.upAddedColumns.has(key(op.table, op.column));
  }

  /** The upgrade made what `op` removes or renames back: an index, a constraint, a rename. */
  upgradeMade(op: Operation): boolean {
    const d = op.details;
    switch (op.kind) {
      case 'drop-index':
        return d.indexName !== undefined && this.upIndexes.has(d.indexName);
      case 'drop-constraint':
        return this.upConstraints.has(key(op.table, d.constraintName));
      case 'rename-table':
        return this.upTableRenames.has(key(d.newName, op.table));
      case 'rename-column':
        return this.upColumnRenames.has(key(op.table, d.newName, op.column));
      default:
        return false;
    }
  }

  /** Another operation starting where `op` does names another table: one call run for several tables. */
  sharesStartWithOtherTable(op: Operation): boolean {
    return (this.starts.get(op.range.start)?.tables.size ?? 0) > 1;
  }

  /** More than one classified operation starts where `op` does. */
  sharesStartWithOtherOp(op: Operation): boolean {
    return (this.starts.get(op.range.start)?.classified ?? 0) > 1;
  }
}

const indexes = new WeakMap<readonly Operation[], OpIndex>();

/** The index of a frontend result's operations, built on first use. */
export function opIndex(result: FrontendResult): OpIndex {
  let index = indexes.get(result.ops);
  if (!index) {
    index = new OpIndex(result.ops);
    indexes.set(result.ops, index);
  }
  return index;
}
