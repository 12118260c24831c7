// The review sidebar (webview view `migrationGuard.review`): it follows the active migration, shows the
// server's review of it and the project's parity, and carries out what the reviewer asks for: reveal a
// line, acknowledge an operation with a reason, rehearse, sign off, generate a model. Every message from the page
// goes through parseToExtension first.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  ACKNOWLEDGE_REQUEST,
  GENERATE_MODEL_COMMAND,
  PREVENT_UNMAPPED_DROPS_COMMAND,
  PARITY_REQUEST,
  REVIEW_REQUEST,
  SIGN_OFF_REQUEST,
  type EditResult,
  type ParityView,
  type ReviewState,
  type SignOffResult,
} from '../../../server/src/protocol';
import type { Session } from '../session';
import { rehearse } from '../rehearse';
import { sidebarHtml } from './html';
import { parseToExtension, type ToExtension, type ToWebview } from './messages';

export const REVIEW_VIEW = 'migrationGuard.review';

/** Typing settles before the review is asked for again. */
const SETTLE_MS = 250;

export class ReviewSidebar implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  /** The migration under review: the last active Python or SQL file the server read as a migration. */
  private current?: vscode.Uri;
  /** The last active Python or SQL file, until the server says whether it is a migration. */
  private candidate?: vscode.Uri;
  private timer?: NodeJS.Timeout;
  /** Answers older than the latest request are dropped. */
  private sequence = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: Session,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor?.document)),
      vscode.workspace.onDidChangeTextDocument((e) => this.isCurrent(e.document.uri) && this.schedule()),
      vscode.workspace.onDidSaveTextDocument((doc) => this.isCurrent(doc.uri) && this.schedule()),
      session.onReviewChanged(() => this.schedule()),
    ];
    this.follow(vscode.window.activeTextEditor?.document);
  }

  register(): vscode.Disposable {
    return vscode.window.registerWebviewViewProvider(REVIEW_VIEW, this);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const out = vscode.Uri.joinPath(this.extensionUri, 'out');
    const asUri = (...parts: string[]) => view.webview.asWebviewUri(vscode.Uri.joinPath(out, ...parts)).toString();
    view.webview.options = { enableScripts: true, localResourceRoots: [out] };
    view.webview.html = sidebarHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      script: asUri('webview.js'),
      style: asUri('webview.css'),
      codicons: asUri('codicons', 'codicon.css'),
    });
    view.webview.onDidReceiveMessage((data: unknown) => {
      const message = parseToExtension(data);
      if (message) void this.handle(message).catch((err: unknown) => this.notice('error', err instanceof Error ? err.message : String(err)));
    });
    view.onDidChangeVisibility(() => view.visible && this.schedule());
    view.onDidDispose(() => {
      this.view = undefined;
    });
  }

  private isCurrent(uri: vscode.Uri): boolean {
    return this.current?.toString() === uri.toString();
  }

  /**
   * Python and SQL files on disk may become the migration under review; other editors leave it as it is,
   * and so does a Python file that is not a migration (the model file Generate model just opened).
   */
  private follow(doc: vscode.TextDocument | undefined): void {
    if (!doc || doc.uri.scheme !== 'file' || !(doc.languageId === 'python' || doc.languageId === 'sql' || doc.uri.path.endsWith('.sql'))) return;
    if (this.isCurrent(doc.uri)) return;
    this.candidate = doc.uri;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), SETTLE_MS);
  }

  private post(message: ToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  private notice(kind: 'info' | 'error', text: string): void {
    this.post({ type: 'notice', notice: { kind, text } });
  }

  private async refresh(): Promise<void> {
    if (!this.view) return;
    const ticket = ++this.sequence;
    if (!this.candidate && !this.current) {
      this.post({ type: 'review', review: null });
      return;
    }
    // Until the server runs, a file cannot be told from a migration: say it is loading, not "not a migration".
    if (!this.session.running) {
      this.post({ type: 'review', review: null, loading: true });
      return;
    }
    try {
      const { uri, review } = await this.reviewToShow();
      if (ticket !== this.sequence) return;
      this.post({ type: 'review', review, ...(review ? {} : { reason: 'The review could not be computed; see the Migration Guard output.' }) });
      if (!review) return;
      // Parity waits for the database; the checklist is shown before it. It is about the project, so a file
      // that is not a migration (but lies in the project) gets it too.
      const parity = await this.session.request<ParityView>(PARITY_REQUEST, { uri: uri.toString() });
      if (ticket === this.sequence) this.post({ type: 'review', review, parity });
    } catch (err) {
      if (ticket !== this.sequence) return;
      if (!this.session.running) this.post({ type: 'review', review: null, loading: true });
      else this.post({ type: 'review', review: null, reason: `Migration Guard is not running: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** The candidate's review when it is a migration (it becomes the current one), else the current migration's. */
  private async reviewToShow(): Promise<{ uri: vscode.Uri; review: ReviewState | null }> {
    const candidate = this.candidate;
    if (candidate) {
      const review = await this.session.request<ReviewState | null>(REVIEW_REQUEST, { uri: candidate.toString() });
      if (review?.isMigration || !this.current) {
        if (review?.isMigration) {
          this.current = candidate;
          this.candidate = undefined;
        }
        return { uri: candidate, review };
      }
      this.candidate = undefined;
    }
    const current = this.current as vscode.Uri;
    return { uri: current, review: await this.session.request<ReviewState | null>(REVIEW_REQUEST, { uri: current.toString() }) };
  }

  private async handle(message: ToExtension): Promise<void> {
    const uri = this.current;
    // Generate model needs only a file of the project, the migration or not.
    const project = this.current ?? this.candidate;
    switch (message.type) {
      case 'ready':
      case 'refresh':
        return this.refresh();
      case 'reveal': {
        if (!uri) return;
        const position = new vscode.Position(message.line, 0);
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preserveFocus: false });
        return;
      }
      case 'acknowledge': {
        if (!uri) return;
        const result = await this.session.request<EditResult>(ACKNOWLEDGE_REQUEST, { uri: uri.toString(), line: message.line, reason: message.reason });
        if (!result.ok) return this.notice('error', result.message);
        if (!(await this.session.applyEdit(result.edit))) this.notice('error', 'The editor refused the change: the file changed meanwhile. Try again.');
        return;
      }
      case 'signOff':
        return uri && this.signOff(uri, message.answers);
      case 'generateModel':
        if (project) await vscode.commands.executeCommand(GENERATE_MODEL_COMMAND, { uri: project.toString(), table: message.table, ...(message.schema ? { schema: message.schema } : {}) });
        return;
      case 'preventUnmappedDrops':
        if (uri) await vscode.commands.executeCommand(PREVENT_UNMAPPED_DROPS_COMMAND, { uri: uri.toString() });
        return;
      case 'rehearse':
        return uri && this.rehearse(uri);
    }
  }

  private async rehearse(uri: vscode.Uri): Promise<void> {
    this.post({ type: 'busy', busy: true });
    try {
      const result = await rehearse(this.session, uri);
      if (!result.ok) return this.notice('error', result.message);
      if (this.isCurrent(uri)) this.post({ type: 'review', review: result.review });
      this.notice('info', result.message);
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  private async signOff(uri: vscode.Uri, answers: Extract<ToExtension, { type: 'signOff' }>['answers']): Promise<void> {
    // The sign-off covers the file as CI will see it: on disk.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty && !(await doc.save())) return this.notice('error', 'The migration could not be saved, so it was not signed off.');
    this.post({ type: 'busy', busy: true });
    try {
      const result = await this.session.request<SignOffResult>(SIGN_OFF_REQUEST, { uri: uri.toString(), answers });
      if (!result.ok) return this.notice('error', result.message);
      this.post({ type: 'review', review: result.review });
      this.notice('info', `Signed off as ${result.review.signOff.signedBy}. Commit .migration-review.json with the migration.`);
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.subscriptions) d.dispose();
  }
}
