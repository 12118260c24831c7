// textDocument/publishDiagnostics, for clients that do not pull diagnostics (they announce no
// capabilities.textDocument.diagnostic): Neovim before 0.10, Sublime LSP, Emacs lsp-mode and others.
// They get the same diagnostics a pull would answer, for each open document: when it is opened,
// changed or saved, and for all of them after a rescan, a settings change or new facts (database,
// models, ledger). A closed document's diagnostics are cleared, as other language servers do.

import type { LspState } from './state';
import { toDiagnostics } from './diagnostics';

export class DiagnosticsPusher {
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(private readonly state: Pick<LspState, 'connection' | 'documents' | 'settings' | 'analyses' | 'summary'>) {}

  /** Publishes the document's diagnostics once the current burst of messages is handled. */
  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Every open document: the facts or settings behind all of them changed. */
  scheduleAll(): void {
    for (const doc of this.state.documents.all()) this.schedule(doc.uri);
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async flush(): Promise<void> {
    try {
      const settings = await this.state.settings.get();
      this.scheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      // Each as soon as it is ready: a small document is not held back by a large one analysed in the background.
      await Promise.all(
        uris.map(async (uri) => {
          const doc = this.state.documents.get(uri);
          if (!doc) return;
          const analysis = await this.state.analyses.get(doc, settings, this.state.settings.generation);
          await this.state.connection.sendDiagnostics({ uri, version: analysis.version ?? doc.version, diagnostics: toDiagnostics(analysis) });
        }),
      );
      this.state.summary.changed();
    } catch (err) {
      this.scheduled = false;
      this.state.connection.console.error(`Migration Guard: publishing diagnostics failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }
}
