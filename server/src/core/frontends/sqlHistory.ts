// The operations of the SQL migrations that ran before this one, for judging a MySQL MODIFY or a SQLite
// table rebuild against the table's previous columns. Migrations are ordered by name with numbers
// compared as numbers (Flyway V2 before V10, timestamps, golang-migrate sequence numbers); Prisma keeps
// each migration in a folder of its own, so its history is the sibling folders.

import * as path from 'node:path';
import { isDownPhase, type Operation } from '../ops';
import type { AnalysisOptions, SqlDialect } from '../options';
import { directoryOf, siblingsOf } from '../project';
import { sqlFileFrontend } from './sqlFile';

const DOWN_FILE = /(?:^|[./\\])down\.sql$|^U\d[\w.]*__/i;
// Flyway's repeatable migrations (views, functions) run after every versioned one, in no order of their own.
const REPEATABLE = /^R__/i;

// Each earlier migration is analysed once per process, however many later ones ask for it.
const analysed = new Map<string, { text: string; dialect: SqlDialect; ops: Operation[] }>();

export function sqlHistory(filePath: string, options: AnalysisOptions): Operation[] {
  const dir = directoryOf(filePath, options);
  const prisma = path.basename(filePath) === 'migration.sql';
  const root = prisma ? path.dirname(dir) : dir;
  const name = prisma ? path.basename(dir) : path.basename(filePath);
  // A down migration (x.down.sql, Flyway's U5__x.sql) runs after its own up migration.
  const down = DOWN_FILE.test(name);
  const key = down ? upName(name) : name;
  const earlier = siblingsOf(root, options)
    .map((file) => ({ file, key: prisma ? path.basename(path.dirname(file.path)) : path.basename(file.path) }))
    .filter((s) => s.file.path.endsWith('.sql') && !DOWN_FILE.test(s.key) && !REPEATABLE.test(s.key) && (compareNames(s.key, key) < 0 || (down && s.key === key)))
    .sort((a, b) => compareNames(a.key, b.key));
  return earlier.flatMap(({ file }) => opsOf(file.path, file.text, options.dialect));
}

function upName(down: string): string {
  return down.replace(/(^|[./\\])down\.sql$/i, '$1up.sql').replace(/^U(\d)/, 'V$1');
}

function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function opsOf(file: string, text: string, dialect: SqlDialect): Operation[] {
  const cached = analysed.get(file);
  if (cached && cached.text === text && cached.dialect === dialect) return cached.ops;
  const ops = sqlFileFrontend(text, file, { dialect }).ops.filter((op) => !isDownPhase(op.phase));
  analysed.set(file, { text, dialect, ops });
  return ops;
}
