// `migration-guard baseline`: records the migrations that exist now (path and content hash) in
// .migration-guard-baseline.json at the repository root, for projects checked without a database. A file
// recorded there with unchanged content counts as applied; see core/applied/baseline.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_FILE, serialiseBaseline } from '../../core/applied/baseline';
import { decode } from '../../core/analyze';
import { detectFramework, isSqlMigration } from '../../core/detect';
import { withDefaults } from '../../core/options';
import { contentHash } from '../../core/review/normalize';
import { findRepositoryRoot } from '../../core/review/ledger';
import { collectCandidates } from '../../core/walk';
import { FileReadError, readRegularFile } from '../../core/fileRead';
import type { CliIo } from '../io';

export async function baseline(args: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const root = findRepositoryRoot(io.cwd, io.cwd);
  const options = withDefaults(undefined);
  const files: Record<string, string> = {};
  const collected = collectCandidates(positionals.length > 0 ? positionals : ['.'], io.cwd);
  // A baseline that silently missed a migration would leave it pending forever unnoticed: refuse instead.
  if (collected.errors.length > 0) {
    for (const e of collected.errors) io.stderr(`migration-guard: ${path.relative(io.cwd, e.path)}: ${e.message}\n`);
    io.stderr('migration-guard: no baseline was written; fix the paths above and run it again.\n');
    return 2;
  }
  for (const c of collected.candidates) {
    const rel = path.relative(root, c.absolute).split(path.sep).join('/');
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(c.absolute, options.maxFileBytes);
    } catch (err) {
      io.stderr(`migration-guard: ${rel}: ${err instanceof FileReadError ? err.message : String(err)}; no baseline was written.\n`);
      return 2;
    }
    const { text, problem } = decode(bytes, options);
    if (problem) continue;
    const framework = detectFramework(rel, text);
    if (!framework) continue;
    if (framework === 'sql' && !c.explicit && !c.layout && !isSqlMigration(rel, text)) continue;
    files[rel] = contentHash(text);
  }
  const target = path.resolve(io.cwd, values.output ?? path.join(root, BASELINE_FILE));
  fs.writeFileSync(target, serialiseBaseline(files));
  const n = Object.keys(files).length;
  io.stdout(`Recorded ${n} migration${n === 1 ? '' : 's'} as applied in ${path.relative(io.cwd, target) || target}. Commit it; a migration edited after this shows up as edited-after-apply.\n`);
  return 0;
}
