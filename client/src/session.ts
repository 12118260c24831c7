// Owns the language client: starts the bundled server (out/server.js) over IPC, restarts it when the
// workspace becomes trusted, and stops it on deactivation.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  FINDINGS_SUMMARY_NOTIFICATION,
  SETTINGS_SECTION,
  SHOW_RULE_DOCS_COMMAND,
  type FindingsSummary,
  type InitializationOptions,
} from '../../server/src/protocol';
import type { Config } from './config';

export class Session implements vscode.Disposable {
  private client?: LanguageClient;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/{*.py,*.sql,alembic.ini}');

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: Config,
    private readonly onSummary: (summary: FindingsSummary) => void,
  ) {}

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('out/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'python' },
        { scheme: 'file', language: 'sql' },
        { scheme: 'file', pattern: '**/*.sql' },
      ],
      synchronize: { fileEvents: this.watcher },
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
    this.client = client;
    await client.start();
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

  request<R>(method: string): Promise<R> {
    if (!this.client) return Promise.reject(new Error('the Migration Guard language server is not running'));
    return this.client.sendRequest<R>(method);
  }

  dispose(): void {
    this.watcher.dispose();
    void this.stop();
  }
}
