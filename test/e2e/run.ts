// End-to-end driver: installs the packaged .vsix into code-server, opens a copy of the fixture workspace
// in headless Chromium with the extension-side suite (out/test/suite.js) as extensionTestsPath,
// screenshots when the suite asks, and prints `N passed, N failed`.
// With --restricted-suite, a second code-server launch opens another copy of the workspace in Restricted
// Mode (workspace trust on, folder not trusted) and runs that suite; the count covers both windows.
// Usage: node --import tsx test/e2e/run.ts --code-server BIN --vsix FILE [--suite out/test/suite.js]
//          [--restricted-suite out/test/suite-restricted.js]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { installVsix, startServer, writeUserSettings, type Dirs, type Server } from './codeServer';
import type { ScreenExpectation, TestResult } from './suite/harness';
import { bounded, sleep } from './wait';
import { runSteps } from './webview';
import { openWorkbench, type Workbench } from './workbench';

const root = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    'code-server': { type: 'string' },
    vsix: { type: 'string' },
    suite: { type: 'string', default: path.join(root, 'out/test/suite.js') },
    'restricted-suite': { type: 'string' },
    workspace: { type: 'string', default: path.join(root, 'test/e2e/workspace') },
    out: { type: 'string', default: path.join(root, '.test-output/e2e') },
    'timeout-ms': { type: 'string', default: '600000' },
  },
});

function required(name: 'code-server' | 'vsix'): string {
  const v = args[name];
  if (!v) throw new Error(`--${name} is required`);
  return path.resolve(v);
}

/**
 * Answers the suite's screenshot requests: checkpoints/NAME.ready holds what must be on screen; once it
 * is (bounded), NAME.png is taken and NAME.done says whether the screen matched.
 */
async function serveCheckpoints(wb: Workbench, out: string, stop: { done: boolean }): Promise<void> {
  const dir = path.join(out, 'checkpoints');
  while (!stop.done) {
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const name = f.replace(/\.ready$/, '');
      if (name === f || fs.existsSync(path.join(dir, `${name}.done`))) continue;
      const expect = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ScreenExpectation;
      let verdict: { ok: boolean; error?: string } = { ok: true };
      try {
        for (const sel of expect.click ?? []) await wb.page.locator(sel).first().click({ timeout: 15_000 });
        if (expect.webview) await runSteps(wb.page, expect.webview.root, expect.webview.steps);
        for (const sel of expect.visible ?? []) await wb.page.locator(sel).first().waitFor({ state: 'visible', timeout: 15_000 });
        for (const sel of expect.absent ?? []) await wb.page.locator(sel).first().waitFor({ state: 'hidden', timeout: 15_000 });
      } catch (err) {
        verdict = { ok: false, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
      }
      const shot = path.join(out, `${name}.png`);
      const whole = () => wb.page.screenshot({ path: shot });
      await (expect.crop ? wb.page.locator(expect.crop).first().screenshot({ path: shot, timeout: 10_000 }).catch(whole) : whole());
      // Written aside and renamed: the suite polls for NAME.done and must never read half of it.
      const done = path.join(dir, `${name}.done`);
      fs.writeFileSync(`${done}.tmp`, JSON.stringify(verdict));
      fs.renameSync(`${done}.tmp`, done);
      console.log(`screenshot: ${path.relative(root, path.join(out, `${name}.png`))}${verdict.ok ? '' : ` (screen check failed: ${verdict.error})`}`);
    }
    await sleep(200);
  }
}

/** What the suite wrote (harness.ts runAll); empty when it never got that far. */
function readResults(out: string): TestResult[] {
  const file = path.join(out, 'results.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as TestResult[]) : [];
}

function report(results: TestResult[], extra: string[]): number {
  for (const r of results) console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name} (${r.ms} ms)${r.ok ? '' : `\n${r.error}`}`);
  for (const e of extra) console.log(`not ok - ${e}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed + extra.length;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** One window: a code-server launch, a workspace copy, a suite. */
interface Run {
  suite: string;
  restricted: boolean;
  /** Tag for the logs of this run (code-server-TAG.log, ...); '' for the main run. */
  tag: string;
}

/**
 * Settings a repository could carry that name a database: in Restricted Mode they must be ignored.
 * alembic.ini in incident/ names a Postgres URL as well.
 */
const UNTRUSTED_WORKSPACE_SETTINGS = {
  'migrationGuard.embeddedSeed': 'incident/seed.sql',
  'migrationGuard.databaseUrl': 'postgresql://attacker@127.0.0.1:5432/projects',
};

async function runOnce(codeServer: string, vsix: string, out: string, run: Run): Promise<{ results: TestResult[]; problems: string[] }> {
  const suffix = run.tag ? `-${run.tag}` : '';
  const serverLog = fs.createWriteStream(path.join(out, `code-server${suffix}.log`));
  const browserLog = fs.createWriteStream(path.join(out, `browser${suffix}.log`));
  fs.rmSync(path.join(out, 'results.json'), { force: true });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-e2e-'));
  const dirs: Dirs = { userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions'), xdg: path.join(tmp, 'xdg') };
  const folder = path.join(tmp, 'workspace');
  fs.cpSync(args.workspace, folder, { recursive: true });
  // The incident example, as the review test opens it (with its seed data for the embedded database).
  fs.cpSync(path.join(root, 'examples', 'incident'), path.join(folder, 'incident'), { recursive: true });
  // A second copy for the Generate model flow, which changes models and the migration: the review test keeps its own.
  fs.cpSync(path.join(root, 'examples', 'incident'), path.join(folder, 'incident-flow'), { recursive: true });
  if (run.restricted) {
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(UNTRUSTED_WORKSPACE_SETTINGS, null, 2));
  }
  writeUserSettings(dirs, run.restricted);

  let server: Server | undefined;
  let wb: Workbench | undefined;
  const stop = { done: false };
  const problems: string[] = [];
  const label = run.tag ? `${run.tag}: ` : '';
  try {
    const extensionPath = await installVsix(codeServer, vsix, dirs, serverLog);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string };
    const extensionId = `${manifest.publisher}.${manifest.name}`;
    console.log(`installed ${path.basename(vsix)} as ${extensionId}${run.restricted ? ' (restricted window)' : ''}`);

    server = await startServer(codeServer, dirs, { MG_E2E_OUT: out, MG_E2E_EXTENSION_ID: extensionId }, serverLog, run.restricted);
    // code-server runs in its own process group: take it down if we are interrupted.
    const started = server;
    const onSignal = () => void started.stop().finally(() => {
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    });
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, onSignal);
    try {
      wb = await openWorkbench({
        port: server.port, folder, extensionPath, testsPath: path.resolve(run.suite),
        profileDir: path.join(tmp, 'chromium'), log: browserLog,
      });
      const checkpoints = serveCheckpoints(wb, out, stop);
      const code = await bounded(wb.exitCode, Number(args['timeout-ms']), 'the extension tests to finish');
      stop.done = true;
      await checkpoints;
      console.log(`${label}extension tests exited with ${code}`);
      if (code !== 0) {
        await wb.page.screenshot({ path: path.join(out, `failure${suffix}.png`) });
        // A failed test explains itself in results.json; anything else (a crash, a suite that did not
        // load) counts as a failure of its own.
        const reported = readResults(out);
        if (reported.length === 0 || reported.every((r) => r.ok)) problems.push(`${label}the extension test run exited with ${code}`);
      }
    } finally {
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.off(sig, onSignal);
    }
  } catch (err) {
    problems.push(label + (err instanceof Error ? err.message : String(err)));
    if (wb) await wb.page.screenshot({ path: path.join(out, `failure${suffix}.png`) }).catch(() => undefined);
  } finally {
    stop.done = true;
    await wb?.close().catch(() => undefined);
    await server?.stop();
    serverLog.end();
    browserLog.end();
    // VS Code's own logs, the extension's output channels among them: the first place to look.
    const logs = path.join(dirs.userData, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(out, `vscode-logs${suffix}`), { recursive: true, force: true });
    if (process.env.MG_E2E_KEEP) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  const results = readResults(out).map((r) => ({ ...r, name: label + r.name }));
  if (results.length === 0 && problems.length === 0) problems.push(`${label}the suite reported no results`);
  if (problems.length) console.log(`logs: ${path.relative(root, out)}/{code-server,browser}${suffix}.log`);
  return { results, problems };
}

async function main(): Promise<number> {
  const codeServer = required('code-server');
  const vsix = required('vsix');
  const out = path.resolve(args.out);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  const runs: Run[] = [{ suite: args.suite, restricted: false, tag: '' }];
  if (args['restricted-suite']) runs.push({ suite: args['restricted-suite'], restricted: true, tag: 'restricted' });
  const results: TestResult[] = [];
  const problems: string[] = [];
  for (const run of runs) {
    const r = await runOnce(codeServer, vsix, out, run);
    results.push(...r.results);
    problems.push(...r.problems);
  }
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
  return report(results, problems);
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
