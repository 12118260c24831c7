// Bundles the extension-side e2e suite (test/e2e/suite) into out/test/suite.js, the file VS Code loads
// through extensionTestsPath. Separate from scripts/build.mjs so the product build stays test-free.
import * as esbuild from 'esbuild';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/e2e/suite/index.ts'],
  outfile: 'out/test/suite.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});
