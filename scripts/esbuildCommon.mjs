// The esbuild options every Node bundle starts from: scripts/build.mjs (the CLI, the language server,
// the extension) and the benchmark's bundle of the latency measurement (test/bench/latencyBundled.ts).

/** @param {string} root the repository's root */
export function nodeBundle(root) {
  return {
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
}
