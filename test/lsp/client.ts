// A minimal LSP client for tests and the benchmark: it starts the real bundled server (`node out/server.js
// --stdio`), talks JSON-RPC to it, and answers the requests a server sends an editor (configuration,
// refresh, capability registration) the way VS Code would.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { LineIndex } from '../../server/src/core/text';

export const SERVER = path.join(__dirname, '..', '..', 'out', 'server.js');
/** The incident example: copies of it are the workspaces of several tests. */
export const INCIDENT = path.join(__dirname, '..', '..', 'examples', 'incident');
const REQUEST_TIMEOUT_MS = 15_000;

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Diagnostic {
  range: Range;
  severity: number;
  code: string;
  source: string;
  message: string;
  data?: unknown;
}
export interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { documentChanges?: Array<{ textDocument: { uri: string; version: number }; edits: TextEdit[] }>; changes?: Record<string, TextEdit[]> };
}

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders?: string[];
  /** What workspace/configuration answers for the migrationGuard section. */
  settings?: Record<string, unknown>;
  trusted?: boolean;
  /** initializationOptions.database (DatabaseConnectionSettings). */
  database?: Record<string, unknown>;
  /** Added to the server's environment (e.g. the database password). */
  env?: Record<string, string>;
  /** What the client answers when the server asks who signs off (migrationGuard/signerName). */
  signerName?: string | null;
  /**
   * false: the client announces no pull diagnostics (no capabilities.textDocument.diagnostic), as Neovim
   * before 0.10 and other editors do, and takes textDocument/publishDiagnostics instead.
   */
  pull?: boolean;
}

export interface Registration {
  id: string;
  method: string;
  registerOptions?: unknown;
}

export class LspClient {
  settings: Record<string, unknown>;
  /** How many times the server asked the client to pull diagnostics again. */
  refreshRequests = 0;
  readonly summaries: unknown[] = [];
  readonly logs: string[] = [];
  /** How many times the server asked for the signer's name. */
  signerRequests = 0;
  /** How many times the server said the facts behind a review changed. */
  reviewChanges = 0;
  /** What the server answered to initialize. */
  serverCapabilities: Record<string, unknown> = {};
  /** What the server registered through client/registerCapability. */
  readonly registrations: Registration[] = [];
  /** textDocument/publishDiagnostics by URI, the latest last. */
  readonly published = new Map<string, Diagnostic[][]>();
  /** Server-created progress: the $/progress values sent for each token it asked us to create. */
  readonly workDone = new Map<string, Array<{ kind: string; percentage?: number; message?: string }>>();
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly proc: ChildProcess,
    private readonly rpc: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const rpc = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, rpc, options);
    proc.stderr!.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    rpc.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'migrationGuard' ? client.settings : null)),
    );
    rpc.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      return null;
    });
    rpc.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      client.registrations.push(...p.registrations);
      return null;
    });
    rpc.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      const list = client.published.get(p.uri) ?? [];
      list.push(p.diagnostics);
      client.published.set(p.uri, list);
    });
    rpc.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      const token = String(p.token);
      client.workDone.set(token, []);
      client.rpc.onProgress(new ProgressType<{ kind: string }>(), p.token, (value) => {
        client.workDone.get(token)?.push(value);
      });
      return null;
    });
    rpc.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    rpc.onNotification('migrationGuard/findingsSummary', (p: unknown) => {
      client.summaries.push(p);
    });
    rpc.onNotification('migrationGuard/reviewChanged', () => {
      client.reviewChanges++;
    });
    rpc.onRequest('migrationGuard/signerName', () => {
      client.signerRequests++;
      return options.signerName ?? null;
    });
    rpc.listen();
    const folders = (options.folders ?? []).map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) }));
    const pull = options.pull ?? true;
    const initialized = await client.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      initializationOptions: { trusted: options.trusted ?? true, ...(options.database ? { database: options.database } : {}) },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
          workspaceEdit: { documentChanges: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          ...(pull ? { diagnostic: { dynamicRegistration: false } } : { publishDiagnostics: { versionSupport: true } }),
          hover: { contentFormat: ['markdown'] },
          codeAction: {},
        },
      },
    });
    client.serverCapabilities = initialized.capabilities;
    client.notify('initialized', {});
    return client;
  }

  request<R>(method: string, params: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} got no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.rpc.sendRequest<R>(method, params), timeout]).finally(() => clearTimeout(timer));
  }

  /** Collects the $/progress values sent for a partial-result token. */
  onProgress<P>(token: string, handler: (value: P) => void): void {
    this.rpc.onProgress(new ProgressType<P>(), token, handler);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  notify(method: string, params: unknown): void {
    void this.rpc.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = uri.endsWith('.sql') ? 'sql' : 'python'): void {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text, as a new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  save(uri: string): void {
    this.notify('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async diagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]> {
    const report = await this.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }, timeoutMs);
    if (report.kind !== 'full' || !report.items) throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  /** Waits for published diagnostics of `uri` that satisfy `accept` (the latest ones are checked first). */
  async publishedUntil(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = this.published.get(uri)?.at(-1);
      if (latest && accept(latest)) return latest;
      if (Date.now() > deadline) throw new Error(`no published diagnostics for ${uri} as expected within ${timeoutMs} ms; latest: ${JSON.stringify(latest?.map((d) => d.code))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) resolve();
      else this.proc.once('exit', () => resolve());
    });
    try {
      await this.request('shutdown', null, 5_000);
      await this.rpc.sendNotification('exit', null);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
    } finally {
      this.rpc.dispose();
      if (this.proc.exitCode === null) this.proc.kill();
    }
  }
}

/**
 * Temporary workspace folders and the servers started on them, for a test file: `dispose()`, in its
 * `after`, stops the servers and then removes the folders.
 */
export class TestWorkspaces {
  private readonly dirs: string[] = [];
  private readonly clients: LspClient[] = [];

  /** A new folder in the system's temporary directory, empty or a copy of `from`. */
  folder(prefix: string, from?: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    if (from) fs.cpSync(from, dir, { recursive: true });
    return dir;
  }

  /** The bundled server with `dir` as its workspace folder; `seeded`: the folder's seed.sql in the embedded database. */
  async start(dir: string, options: StartOptions & { seeded?: boolean } = {}): Promise<LspClient> {
    const { seeded, ...rest } = options;
    const client = await LspClient.start({ folders: [dir], ...(seeded ? { database: { embeddedSeed: path.join(dir, 'seed.sql') } } : {}), ...rest });
    this.clients.push(client);
    return client;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.stop()));
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function fileUri(absolute: string): string {
  return pathToFileURL(absolute).href;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const located = edits.map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), newText: e.newText }));
  let out = text;
  for (const e of located.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Asks `probe` again every `everyMs` until it gives a value, and fails after `timeoutMs`. With
 * `retryUnanswered`, a request the server did not answer in time (busy loading the embedded database on a
 * slow machine) is asked again instead of failing the test.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, options: { timeoutMs?: number; everyMs?: number; retryUnanswered?: boolean } = {}): Promise<T> {
  const { timeoutMs = 30_000, everyMs = 100, retryUnanswered = false } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await (retryUnanswered ? probe().catch((err: Error) => (/got no answer/.test(err.message) ? undefined : Promise.reject(err))) : probe());
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
