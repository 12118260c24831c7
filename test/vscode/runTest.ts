// Runs the extension's end-to-end suite (test/e2e/suite, bundled to out/test/suite.js) inside a desktop
// VS Code downloaded by @vscode/test-electron. For machines that can download VS Code; CI runs the same
// suite in code-server instead (npm run test:e2e), because no download is possible there.
//
//   npm run test:vscode                  # downloads the latest stable VS Code on first use
//   VSCODE_VERSION=1.91.0 npm run test:vscode
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.join(__dirname, '..', '..');

async function main(): Promise<void> {
  const extensionTestsPath = path.join(ROOT, 'out', 'test', 'suite.js');
  if (!fs.existsSync(extensionTestsPath)) {
    throw new Error('out/test/suite.js is missing: build it with `node scripts/e2e/build-suite.mjs`');
  }
  // The suite edits files, so it gets a copy of the sample workspace.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-vscode-'));
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
