// Debian's Chromium, driven by playwright-core, opens the code-server workbench in extension-test mode:
// VS Code loads extensionTestsPath in the extension host, runs it, and reports the result to the page
// through window.codeAutomationExit, which we expose (same mechanism as @vscode/test-web).
import * as fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MG_CHROMIUM ?? '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps dialing Google on a closed network. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Workbench {
  page: Page;
  /** Settles with the extension test run's exit code (0 = every test passed). */
  exitCode: Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  port: number;
  folder: string;
  extensionPath: string;
  testsPath: string;
  profileDir: string;
  log: fs.WriteStream;
}

export async function openWorkbench(o: OpenOptions): Promise<Workbench> {
  const context: BrowserContext = await chromium.launchPersistentContext(o.profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1100 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => o.log.write(`[console.${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => o.log.write(`[pageerror] ${e.stack ?? e.message}\n`));

  let resolveExit: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
    o.log.write(`[ext-host ${level}] ${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));

  // Remote URIs: the extension and the suite live on the server's disk, not in the browser.
  const remote = (p: string) => `vscode-remote://127.0.0.1:${o.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(o.extensionPath)], ['extensionTestsPath', remote(o.testsPath)]];
  const url = `http://127.0.0.1:${o.port}/?folder=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  return { page, exitCode, close: () => context.close() };
}
