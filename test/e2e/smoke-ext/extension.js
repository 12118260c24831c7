// Stand-in for Migration Guard with the same observable contract the e2e suite checks: a `drop-table`
// diagnostic on op.drop_table("t") and a preferred quick fix "Guard the drop: ..." that inserts a check.
// Plain JavaScript so the harness can package it without a build step.
const vscode = require('vscode');

const DROP = /op\.drop_table\(\s*"([^"]+)"\s*\)/g;

function scan(doc, collection) {
  if (doc.languageId !== 'python') return;
  const diagnostics = [];
  for (const m of doc.getText().matchAll(DROP)) {
    const start = doc.positionAt(m.index);
    const range = new vscode.Range(start, doc.positionAt(m.index + m[0].length));
    if (doc.getText().includes(`SELECT 1 FROM ${m[1]} `)) continue; // already guarded
    const d = new vscode.Diagnostic(range, `Drops table ${m[1]} and every row in it.`, vscode.DiagnosticSeverity.Error);
    d.code = 'drop-table';
    d.source = 'migration-guard';
    diagnostics.push(d);
  }
  collection.set(doc.uri, diagnostics);
}

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('migration-guard');
  context.subscriptions.push(collection);
  vscode.workspace.textDocuments.forEach((d) => scan(d, collection));
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => scan(d, collection)),
    vscode.workspace.onDidChangeTextDocument((e) => scan(e.document, collection)),
    vscode.languages.registerCodeActionsProvider('python', {
      provideCodeActions(doc, _range, ctx) {
        return ctx.diagnostics
          .filter((d) => d.code === 'drop-table')
          .map((d) => {
            const table = /table (\S+)/.exec(d.message)[1];
            const line = doc.lineAt(d.range.start.line);
            const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
            const action = new vscode.CodeAction(`Guard the drop: stop the migration while table ${table} still has data`, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [d];
            action.isPreferred = true;
            action.edit = new vscode.WorkspaceEdit();
            const guard = `${indent}# Stops here while table ${table} still has data.\n${indent}if op.get_bind().execute(sa.text("SELECT 1 FROM ${table} LIMIT 1")).first():\n${indent}    raise RuntimeError("refusing to drop non-empty table ${table}")\n`;
            action.edit.insert(doc.uri, line.range.start, guard);
            return action;
          });
      },
    }),
  );
}

module.exports = { activate, deactivate() {} };
