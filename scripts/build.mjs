// One build for every bundle. The CLI and the language server are bundled whole (so the .vsix and the
// npm bin need no node_modules); the wasm parsers are copied next to the bundles, where the loaders look.
// The language server also bundles PGlite (the .vsix ships no node_modules), whose wasm and data files
// go next to it; the review sidebar's script is bundled for the browser, with its CSS and the codicons.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have.
  define: { 'import.meta.url': '__importMetaUrl' },
  // PGlite finds its wasm and data files next to its own module, so the CLI leaves it in node_modules (a
  // runtime dependency); pg-native is an optional addon `pg` only loads when asked to. node-sql-parser's
  // MySQL and SQLite grammars (770 KB) stay there too: loaded on first use, they cost nothing to start a
  // PostgreSQL-only run, while bundled they would be compiled at every start.
  external: ['@electric-sql/pglite', 'pg-native', 'node-sql-parser'],
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const entries = [
  { entryPoints: ['server/src/cli/index.ts'], outfile: 'out/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } },
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'out/cliWorker.js' },
];
if (fs.existsSync(path.join(root, 'server/src/lsp/server.ts'))) {
  entries.push({ entryPoints: ['server/src/lsp/server.ts'], outfile: 'out/server.js', external: ['pg-native'] });
}
if (fs.existsSync(path.join(root, 'client/src/extension.ts'))) {
  entries.push({ entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.js', external: ['@electric-sql/pglite', 'pg-native', 'vscode'] });
}
entries.push({ entryPoints: ['client/webview/main.ts'], outfile: 'out/webview.js', platform: 'browser', target: 'es2022', format: 'iife', define: {}, banner: {}, external: [] });

await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
fs.chmodSync(path.join(out, 'cli.js'), 0o755);
