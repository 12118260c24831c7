// A tiny test runner for code that runs inside VS Code's extension host. Mocha would work too, but this
// is all the e2e suite needs and it bundles into one file with no runtime dependencies.
// Results go to a JSON file the Playwright driver reads (it cannot see the extension host's stdout).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

interface TestCase {
  name: string;
  timeoutMs: number;
  fn: () => Promise<void>;
}

const tests: TestCase[] = [];

/** Registers a test. Every test has a bound: a hung test fails instead of stalling CI. */
export function test(name: string, fn: () => Promise<void>, timeoutMs = 120_000): void {
  tests.push({ name, fn, timeoutMs });
}

/** The driver's output folder (screenshots, results, checkpoints); undefined when run without it. */
export function outputDir(): string | undefined {
  return process.env.MG_E2E_OUT || undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeoutMs` with the
 * last state `describe` reports (so a timeout says what was seen, not only that nothing happened).
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
  describe?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; last seen: ${describe()}` : ''}`);
    }
    await sleep(100);
  }
}

/** What must be on screen (CSS selectors in the workbench) before the driver takes the picture. */
export interface ScreenExpectation {
  /** Workbench elements the driver clicks first, as a person would (e.g. the refactor preview's Apply). */
  click?: string[];
  visible?: string[];
  absent?: string[];
  /**
   * Steps the driver performs, in order, inside the webview whose page holds `webview.root`, as a
   * person would (typing, clicking), before the picture. A webview is an iframe the extension host
   * cannot reach; the driver can.
   */
  webview?: { root: string; steps: WebviewStep[] };
  /** Take the picture of this element (e.g. the side bar) instead of the whole window. */
  crop?: string;
}

export type WebviewStep =
  | { fill: string; value: string }
  | { click: string }
  /** Waits until exactly this many elements match. */
  | { count: string; equals: number }
  | { visible: string };

/**
 * Asks the driver to screenshot the workbench as `name`.png once `expect` holds on screen, and waits
 * until it has, so the UI does not change under the camera and the squiggle is known to be rendered,
 * not only reported through the API. A file handshake because the extension host and the browser share
 * only the disk. Without a driver (MG_E2E_OUT unset, e.g. under @vscode/test-electron) it is a no-op.
 */
/** The driver's verdict once the file holds all of it (undefined while it is absent or incomplete). */
function readVerdict(file: string): { ok: boolean; error?: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { ok: boolean; error?: string };
  } catch {
    return undefined;
  }
}

export async function checkpoint(name: string, expect: ScreenExpectation = {}): Promise<void> {
  const out = outputDir();
  if (!out) return;
  const dir = path.join(out, 'checkpoints');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.ready`), JSON.stringify(expect));
  const done = path.join(dir, `${name}.done`);
  const verdict = await waitFor(`the driver to take screenshot ${name}`, () => readVerdict(done), 120_000);
  if (!verdict.ok) throw new Error(`screen check ${name}: ${verdict.error}`);
}

/** Runs every registered test in order; writes results.json; rejects when any failed. */
export async function runAll(): Promise<void> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const start = Date.now();
    try {
      await withTimeout(t.fn(), t.timeoutMs, t.name);
      results.push({ name: t.name, ok: true, ms: Date.now() - start });
      console.log(`ok - ${t.name}`);
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      results.push({ name: t.name, ok: false, ms: Date.now() - start, error });
      console.error(`not ok - ${t.name}\n${error}`);
    }
  }
  const out = outputDir();
  if (out) fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) throw new Error(`${failed} of ${results.length} e2e tests failed`);
}
