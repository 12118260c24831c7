// Owns the language client: starts the bundled server (out/server.js) over IPC, restarts it when the
// workspace becomes trusted or the database password changes, and stops it on deactivation. The password
// goes to the server in its environment, never over the connection, whose message trace would print it.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions, type WorkDoneProgressReport, type WorkDoneProgressBegin } from 'vscode-languageclient/node';
import {
  DATABASE_SETTINGS_NOTIFICATION,
  FINDINGS_SUMMARY_NOTIFICATION,
  PASSWORD_ENV,
  REVIEW_CHANGED_NOTIFICATION,
  SETTINGS_SECTION,
  SHOW_RULE_DOCS_COMMAND,
  SIGNER_NAME_REQUEST,
  type FindingsSummary,
  type InitializationOptions,
  type LspWorkspaceEdit,
} from '../../server/src/protocol';
import type { Config } from './config';

/** The SecretStorage key of the password for migrationGuard.databaseUrl. */
export const PASSWORD_SECRET = 'migrationGuard.databasePassword';

export class Session implements vscode.Disposable {
  private client?: LanguageClient;
  private readonly reviewChanged = new vscode.EventEmitter<void>();
  /** The server's facts behind a review changed (a database was read, the ledger was written), or it restarted. */
  readonly onReviewChanged = this.reviewChanged.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: Config,
    private readonly onSummary: (summary: FindingsSummary) => void,
  ) {
    this.subscriptions = [
      this.reviewChanged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.config.affectsDatabase(e)) void this.client?.sendNotification(DATABASE_SETTINGS_NOTIFICATION, this.config.databaseForServer() ?? {});
      }),
      context.secrets.onDidChange((e) => {
        if (e.key === PASSWORD_SECRET && this.client) void this.restart();
      }),
    ];
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('out/server.js');
    const trusted = vscode.workspace.isTrusted;
    const password = trusted ? await this.context.secrets.get(PASSWORD_SECRET) : undefined;
    const options = password ? { env: { ...process.env, [PASSWORD_ENV]: password } } : {};
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { ...options, execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const initializationOptions: InitializationOptions = { trusted };
    const database = this.config.databaseForServer();
    if (database) initializationOptions.database = database;
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'python' },
        { scheme: 'file', language: 'sql' },
        { scheme: 'file', pattern: '**/*.sql' },
      ],
      // No synchronize.fileEvents: the server registers the files it watches itself (lsp/files.ts).
      diagnosticPullOptions: { onChange: true, onSave: true },
      initializationOptions,
      markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCS_COMMAND] } },
      middleware: {
        workspace: {
          // The server sees the settings through Config, never the raw configuration object.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) return answers;
            return params.items.map((item, i) => (item.section === SETTINGS_SECTION ? this.config.forServer() : answers[i]));
          },
        },
      },
    };
    const client = new LanguageClient('migrationGuard', 'Migration Guard', serverOptions, clientOptions);
    client.onNotification(FINDINGS_SUMMARY_NOTIFICATION, (summary: FindingsSummary) => this.onSummary(summary));
    client.onNotification(REVIEW_CHANGED_NOTIFICATION, () => this.reviewChanged.fire());
    client.onRequest(SIGNER_NAME_REQUEST, () => askSignerName(this.context));
    this.client = client;
    await client.start();
    this.reviewChanged.fire();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.dispose();
  }

  /** The server has started and answers requests. */
  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    if (!this.client) return Promise.reject(new Error('the Migration Guard language server is not running'));
    return params === undefined ? this.client.sendRequest<R>(method) : this.client.sendRequest<R>(method, params);
  }

  /** The $/progress the server reports on `token` (a token the client put in a request's workDoneToken). */
  onWorkDone(token: string, handler: (value: WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }) => void): vscode.Disposable {
    return this.client?.onProgress(WorkDoneProgress.type, token, handler) ?? new vscode.Disposable(() => undefined);
  }

  /** Applies an edit the server computed (LSP shape); false when the editor refused it. */
  /** A refactoring is saved afterwards as the user's files.refactoring.autoSave says (VS Code's default: saved). */
  async applyEdit(edit: LspWorkspaceEdit, metadata?: vscode.WorkspaceEditMetadata): Promise<boolean> {
    if (!this.client) return false;
    return vscode.workspace.applyEdit(await this.client.protocol2CodeConverter.asWorkspaceEdit(edit), metadata);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    void this.stop();
  }
}

const LAST_SIGNER = 'migrationGuard.lastSigner';

/** Asked when git cannot say who is signing (an untrusted workspace, or no user.name). */
async function askSignerName(context: vscode.ExtensionContext): Promise<string | null> {
  const name = await vscode.window.showInputBox({
    title: 'Migration Guard: sign off',
    prompt: 'Your name (and email) for the sign-off in .migration-review.json',
    placeHolder: 'Ada Lovelace <ada@example.com>',
    value: context.globalState.get<string>(LAST_SIGNER) ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'A sign-off needs a name.' : undefined),
  });
  if (!name?.trim()) return null;
  await context.globalState.update(LAST_SIGNER, name.trim());
  return name.trim();
}
