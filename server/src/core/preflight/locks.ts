// Table rewrites and long locks: an operation that rewrites or scans a whole table, or builds an index on
// it, holds a lock for as long as that takes, and how long depends on the table's size. Preflight asks the
// size on disk (pg_total_relation_size, one query per table, shared by its operations) and takes the row
// estimate from the catalog already read (reltuples): "rewrites events (41 GB, about 120 million rows)
// under ACCESS EXCLUSIVE".

import type { TableInfo } from '../db/schemaSource';
import type { Operation } from '../ops';
import { normaliseType } from './casts';
import { tableSql } from './queries';

/** Below this size a rewrite or scan takes milliseconds: the lock is not worth a sentence. */
export const LOCK_MIN_BYTES = 1024 * 1024;

export interface LockQuestion {
  /** Answered with `bytes`. */
  query: string;
  /** The clause for a size: "rewrites events (41 GB, about 120 million rows) under ACCESS EXCLUSIVE". */
  sentence(bytes: number): string;
}

export function sizeQuery(t: TableInfo): string {
  return `SELECT pg_catalog.pg_total_relation_size(pg_catalog.to_regclass('${tableSql(t).replace(/'/g, "''")}'))::float8 AS bytes`;
}

const VARCHAR = /^(?:character varying|varchar)(?:\((\d+)\))?$/;

/**
 * Whether a type change keeps the table's files: varchar to text or to a longer (or unbounded) varchar,
 * and numeric to unconstrained numeric, are only a catalog change. `current` as format_type prints it.
 */
export function keepsFiles(current: string, written: string): boolean {
  const target = normaliseType(written);
  const from = VARCHAR.exec(current) ?? (current === 'text' ? ['text', undefined] : null);
  if (from) {
    if (target === 'text') return true;
    const to = VARCHAR.exec(target);
    return !!to && (to[1] === undefined || (from[1] !== undefined && Number(to[1]) >= Number(from[1])));
  }
  return current.startsWith('numeric') && target === 'numeric';
}

/** What the operation does to the whole table while it holds its lock; undefined for one that does not. */
function action(op: Operation, t: TableInfo): { verb: string; lock: string } | undefined {
  const d = op.details;
  switch (op.kind) {
    case 'alter-column': {
      const col = t.columns.find((c) => c.name === op.column);
      if (d.newType && col && !keepsFiles(col.type, d.newType)) return { verb: 'rewrites', lock: 'ACCESS EXCLUSIVE' };
      if (d.nullable === false && col?.nullable) return { verb: 'scans', lock: 'ACCESS EXCLUSIVE' };
      return undefined;
    }
    case 'create-index':
      return d.concurrently ? undefined : { verb: 'builds an index over', lock: 'SHARE (writes wait)' };
    case 'add-constraint':
      if (d.notValid) return undefined;
      if (d.constraintType === 'unique' || d.constraintType === 'primary-key') return { verb: 'builds an index over', lock: 'ACCESS EXCLUSIVE' };
      if (d.constraintType === 'check') return { verb: 'scans', lock: 'ACCESS EXCLUSIVE' };
      if (d.constraintType === 'foreign-key') return { verb: 'scans', lock: 'SHARE ROW EXCLUSIVE (writes wait)' };
      return undefined;
    case 'add-column':
      return d.volatileDefault ? { verb: 'rewrites', lock: 'ACCESS EXCLUSIVE' } : undefined;
    default:
      return undefined;
  }
}

export function lockQuestion(op: Operation, t: TableInfo, name: string): LockQuestion | undefined {
  const what = action(op, t);
  if (!what) return undefined;
  const rows = t.rowEstimate === undefined ? '' : `, ${aboutRows(t.rowEstimate)}`;
  return { query: sizeQuery(t), sentence: (bytes) => `${what.verb} ${name} (${formatBytes(bytes)}${rows}) under ${what.lock}` };
}

function aboutRows(n: number): string {
  if (n >= 1_000_000_000) return `about ${+(n / 1_000_000_000).toFixed(1)} billion rows`;
  if (n >= 1_000_000) return `about ${+(n / 1_000_000).toFixed(1)} million rows`;
  return `about ${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} bytes` : `${v >= 10 ? Math.round(v) : +v.toFixed(1)} ${units[u]}`;
}
