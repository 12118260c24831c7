// Bundles the extension-side e2e suites (test/e2e/suite) into out/test/suite.js (the trusted window) and
// out/test/suite-restricted.js (the Restricted Mode window), the files VS Code loads through extensionTestsPath. Separate from scripts/build.mjs so the product build stays test-free.
import * as esbuild from 'esbuild';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
for (const [entry, outfile] of [['index.ts', 'suite.js'], ['index-restricted.ts', 'suite-restricted.js']]) await esbuild.build({
  absWorkingDir: root,
  entryPoints: [`test/e2e/suite/${entry}`],
  outfile: `out/test/${outfile}`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});
