// One build for every bundle. The CLI and the language server are bundled whole (so the .vsix and the
// npm bin need no node_modules); the wasm parsers are copied next to the bundles, where the loaders look.
// The language server also bundles PGlite (the .vsix ships no node_modules), whose wasm and data files
// go next to it; the review sidebar's script is bundled for the browser, with its CSS and the codicons.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeBundle } from './esbuildCommon.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'out');
fs.mkdirSync(out, { recursive: true });

const wasm = [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'node_modules/tree-sitter-python/tree-sitter-python.wasm',
  'node_modules/libpg-query/wasm/libpg-query.wasm',
  'node_modules/@electric-sql/pglite/dist/pglite.wasm',
  'node_modules/@electric-sql/pglite/dist/initdb.wasm',
  'node_modules/@electric-sql/pglite/dist/pglite.data',
];
for (const file of wasm) fs.copyFileSync(path.join(root, file), path.join(out, path.basename(file)));
fs.mkdirSync(path.join(out, 'codicons'), { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(root, 'node_modules/@vscode/codicons/dist', file), path.join(out, 'codicons', file));
fs.copyFileSync(path.join(root, 'client/webview/review.css'), path.join(out, 'webview.css'));

const common = nodeBundle(root);

// The CLI and its worker each start from a small launcher that runs their bundle (*.main.js) from V8's
// code cache (server/src/cli/codeCache.ts). Cached code loses the callback for dynamic import(), so
// these bundles have none: esbuild turns import() into require(), and web-tree-sitter comes from its
// CommonJS build (its ES build's import('module') would become a require() that its own `var require`
// shadows).
const treeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') }));
  },
};
const launched = { supported: { 'dynamic-import': false }, plugins: [treeSitterCjs] };
const entries = [
  { entryPoints: ['server/src/cli/index.ts'], outfile: 'out/cli.main.js', ...launched },
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'out/cliWorker.main.js', ...launched },
  { entryPoints: ['server/src/cli/launcher.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' }, define: {} },
  { entryPoints: ['server/src/cli/launcher.ts'], outfile: 'out/cliWorker.js', banner: {}, define: {} },
];
// The rehearsal's PGlite thread (server/src/core/rehearsal/pgliteWorker.ts), PGlite bundled in: its wasm
// and data files are already next to it, for the language server.
entries.push({ entryPoints: ['server/src/core/rehearsal/pgliteWorker.ts'], outfile: 'out/rehearsalWorker.js', external: ['pg-native'] });
if (fs.existsSync(path.join(root, 'server/src/lsp/server.ts'))) {
  entries.push({ entryPoints: ['server/src/lsp/server.ts'], outfile: 'out/server.js', external: ['pg-native'] });
  // Its background thread for large documents (server/src/lsp/background.ts), loaded from beside it.
  entries.push({ entryPoints: ['server/src/lsp/worker.ts'], outfile: 'out/serverWorker.js', external: ['pg-native'] });
}
if (fs.existsSync(path.join(root, 'client/src/extension.ts'))) {
  entries.push({ entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.js', external: ['@electric-sql/pglite', 'pg-native', 'vscode'] });
}
entries.push({ entryPoints: ['client/webview/main.ts'], outfile: 'out/webview.js', platform: 'browser', target: 'es2022', format: 'iife', define: {}, banner: {}, external: [] });

await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
fs.chmodSync(path.join(out, 'cli.js'), 0o755);

// The code caches (server/src/cli/codeCache.ts) are written at the end of a warm-up run, so that they
// hold the functions a check compiles: the CLI checks a small project with a Python and a SQL migration
// (SQL alone would switch V8 to --liftoff-only, and a cache is written for the flags of the moment); the
// worker, run without a parent, loads its bundle and exits, once with the flags of each kind of run
// (it loads a parser only when a file needs one, so its cache holds the bundle's top level).
// Caches for earlier bundles or other Node versions (and any half-written one) are removed first.
for (const file of fs.readdirSync(out)) if (/^cli(Worker)?\.main\.js\..*\.(cache|tmp)$/.test(file)) fs.rmSync(path.join(out, file));
const sample = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-warm-up-'));
const sampleFiles = {
  'alembic.ini': '[alembic]\nscript_location = alembic\n',
  'alembic/versions/0001_drop.py': 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "1"\ndown_revision = None\n\n\ndef upgrade():\n    op.drop_table("legacy")\n    op.add_column("t", sa.Column("a", sa.Integer(), nullable=False))\n\n\ndef downgrade():\n    pass\n',
  'migrations/V1__create.sql': 'CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;\nCREATE INDEX ix ON t (a);\nDELETE FROM t;\n',
};
for (const [rel, text] of Object.entries(sampleFiles)) {
  fs.mkdirSync(path.dirname(path.join(sample, rel)), { recursive: true });
  fs.writeFileSync(path.join(sample, rel), text);
}
try {
  for (const args of [['out/cli.js', 'check', sample, '--jobs', '1', '--fail-on', 'never'], ['out/cliWorker.js'], ['--liftoff-only', 'out/cliWorker.js']]) {
    const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env: { ...process.env, MIGRATION_GUARD_WRITE_CODE_CACHE: '1' } });
    // Without a cache the CLI still works (and writes one on its first run), so a failure only warns.
    if (run.status !== 0) console.warn(`build: the code cache warm-up \`node ${args.join(' ')}\` exited with ${run.status}`);
  }
} finally {
  fs.rmSync(sample, { recursive: true, force: true });
}
