// Which history row a migration file stands for, per tool: the name the tool writes into its table,
// read from the file's path (and, for Alembic, its revision id), and the order the tool runs them in.

import type { Framework } from '../ops';
import type { HistoryTool } from './history';

export interface MigrationFile {
  /** Relative to AppliedFacts.root, with forward slashes. */
  path: string;
  framework: Framework;
  /** Alembic's revision ids and a Django squash's `replaces` live in the file; other files go without. */
  text?: string;
}

export interface Identity {
  tool: HistoryTool;
  /** The id the tool records: `0001`, `app/0002_x`, `1.2`, `20240101120000`, a folder name. */
  id: string;
  /** The run order among files of the same sequence (undefined: the tool orders by a graph or a plan). */
  sequence?: string;
}

const FLYWAY = /^V(\d+(?:[._]\d+)*)__.*\.sql$/i;
const LEADING_DIGITS = /^(\d+)[_.]/;
const DIESEL_FOLDER = /^(\d[\d-]*)_/;
const UP_DOWN = /\.(?:up|down)\.sql$/i;

/** Digits without leading zeros: goose and golang-migrate store versions as integers. */
function integer(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/**
 * The file's identity under `tool`, or undefined when the file is not shaped like one of its migrations.
 * Alembic's comes from the text; the caller reads it (alembicHistory.revisionOf).
 */
export function identityFor(tool: HistoryTool, file: MigrationFile): Identity | undefined {
  const parts = file.path.split('/');
  const base = parts[parts.length - 1];
  const parent = parts[parts.length - 2] ?? '';
  switch (tool) {
    case 'alembic':
      return undefined;
    case 'django': {
      const at = parts.lastIndexOf('migrations');
      if (file.framework !== 'django' || at < 1 || at !== parts.length - 2 || !base.endsWith('.py')) return undefined;
      const app = parts[at - 1];
      return { tool, id: `${app}/${base.slice(0, -3)}`, sequence: `django:${app}` };
    }
    case 'flyway': {
      const m = FLYWAY.exec(base);
      return m ? { tool, id: m[1].split(/[._]/).map(integer).join('.'), sequence: tool } : undefined;
    }
    case 'golang-migrate': {
      const m = LEADING_DIGITS.exec(base);
      return m && UP_DOWN.test(base) ? { tool, id: integer(m[1]), sequence: tool } : undefined;
    }
    // goose and dbmate keep both directions in one file.
    case 'goose': {
      const m = LEADING_DIGITS.exec(base);
      return m && base.endsWith('.sql') && !UP_DOWN.test(base) ? { tool, id: integer(m[1]), sequence: tool } : undefined;
    }
    case 'dbmate': {
      const m = LEADING_DIGITS.exec(base);
      return m && base.endsWith('.sql') && !UP_DOWN.test(base) ? { tool, id: m[1], sequence: tool } : undefined;
    }
    case 'diesel': {
      const m = DIESEL_FOLDER.exec(parent);
      return m && (base === 'up.sql' || base === 'down.sql') ? { tool, id: m[1].replace(/-/g, ''), sequence: tool } : undefined;
    }
    case 'prisma':
      return base === 'migration.sql' && parent ? { tool, id: parent, sequence: tool } : undefined;
    case 'sqitch': {
      const at = parts.lastIndexOf('deploy');
      return at >= 0 && base.endsWith('.sql') ? { tool, id: parts.slice(at + 1).join('/').slice(0, -4) } : undefined;
    }
  }
}

const REPLACES = /^[ \t]*replaces\s*(?::[^=\n]+)?=\s*\[/m;
const PAIR = /\(\s*['"]([^'"\n]+)['"]\s*,\s*['"]([^'"\n]+)['"]\s*,?\s*\)/g;

/**
 * The migrations a Django squash stands for (`replaces = [("shop", "0001_initial"), ...]`), as `app/name`.
 * Django counts a squash as applied once everything it replaces is, and keeps their rows after the old
 * files are deleted.
 */
export function djangoReplaces(text: string): string[] {
  const start = REPLACES.exec(text);
  if (!start) return [];
  const from = start.index + start[0].length;
  const end = text.indexOf(']', from);
  const list = text.slice(from, end < 0 ? text.length : end);
  return [...list.matchAll(PAIR)].map((m) => `${m[1]}/${m[2]}`);
}

/** Whether a file may hold `replaces` (read it then). */
export function mayReplace(text: string): boolean {
  return REPLACES.test(text);
}

/** Compares versions part by part as numbers where both parts are digits (`1.10` after `1.9`), else as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/([0-9]+)/);
  const pb = b.split(/([0-9]+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (i % 2 === 1) {
      const nx = integer(x);
      const ny = integer(y);
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** A history row's id in the form identityFor() gives files (Flyway `1.02` is version `1.2`; goose `007` is 7). */
export function normaliseId(tool: HistoryTool, id: string): string {
  switch (tool) {
    case 'flyway':
      return id.split(/[._]/).map(integer).join('.');
    case 'golang-migrate':
    case 'goose':
      return integer(id);
    default:
      return id;
  }
}
