// The workspace's finding counts for the status bar, sent as a notification whenever they change. Open
// documents count as the editor shows them; every other file as it is on disk.

import type { Connection } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import { FINDINGS_SUMMARY_NOTIFICATION, type FindingsSummary } from '../protocol';

const SETTLE_MS = 100;

export class SummaryPublisher {
  private timer?: NodeJS.Timeout;
  private lastSent = '';

  constructor(
    private readonly connection: Connection,
    /** Findings by absolute path. */
    private readonly sources: () => Map<string, Finding[]>,
  ) {}

  /** Something was analysed: publish the counts once the burst of requests has settled. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, SETTLE_MS);
  }

  current(): FindingsSummary {
    const summary: FindingsSummary = { errors: 0, warnings: 0, files: 0 };
    for (const findings of this.sources().values()) {
      const active = findings.filter((f) => !f.acknowledged);
      const errors = active.filter((f) => f.severity === 'error').length;
      const warnings = active.filter((f) => f.severity === 'warning').length;
      summary.errors += errors;
      summary.warnings += warnings;
      if (errors + warnings > 0) summary.files++;
    }
    return summary;
  }

  publish(): FindingsSummary {
    const summary = this.current();
    const key = JSON.stringify(summary);
    if (key !== this.lastSent) {
      this.lastSent = key;
      void this.connection.sendNotification(FINDINGS_SUMMARY_NOTIFICATION, summary);
    }
    return summary;
  }
}
