// textDocument/diagnostic: findings of an open document as LSP diagnostics. Each carries its fixes in
// `data`, already converted to positions, so code actions are answered without analysing again.

import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/findings';
import type { DiagnosticData } from '../protocol';
import type { Analysis } from './documents';
import { toLspRange } from './positions';
import type { LspState } from './state';

export const DIAGNOSTIC_SOURCE = 'Migration Guard';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(analysis: Analysis): Diagnostic[] {
  return analysis.report.findings.map((f) => toDiagnostic(f, analysis));
}

function toDiagnostic(f: Finding, analysis: Analysis): Diagnostic {
  const { index, version } = analysis;
  const data: DiagnosticData = {
    version,
    fixes: (f.fixes ?? []).map((fix) => ({
      id: fix.id,
      title: fix.title,
      preferred: fix.preferred ?? false,
      edits: fix.edits.map((e) => ({ range: toLspRange(index, e.range), newText: e.newText })),
    })),
  };
  if (f.rule === 'drop-unmapped-table' && f.table) data.table = f.table;
  return {
    range: toLspRange(index, f.range),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: f.acknowledged ? `${f.message} Acknowledged: ${f.acknowledged.reason}` : f.applied ? `${f.message} ${appliedNote(f.applied)}` : f.message,
    data,
  };
}

/** Findings in a migration that has already run are history: said so in the message. */
function appliedNote(applied: NonNullable<Finding['applied']>): string {
  return `Already run${applied.at ? ` on ${applied.at}` : ''} (${applied.source}), so this is history.`;
}

export function documentDiagnostics(state: LspState) {
  return async (params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await state.settings.get();
    const generation = state.settings.generation;
    const resultId = `${doc.version}:${generation}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const analysis = await state.analyses.get(doc, settings, generation);
    state.summary.changed();
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: toDiagnostics(analysis) };
  };
}
