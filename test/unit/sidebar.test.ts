// The review sidebar's page and messages: a strict CSP with a fresh nonce, every message from the page
// validated before the extension acts on it, and every repository-supplied value escaped in the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { esc, renderView, type ViewModel } from '../../client/webview/render';
import { sidebarHtml } from '../../client/src/sidebar/html';
import { parseToExtension, parseToWebview } from '../../client/src/sidebar/messages';
import type { ReviewState } from '../../server/src/protocol';

function sampleReview(overrides: Partial<ReviewState> = {}): ReviewState {
  return {
    uri: 'file:///repo/migrations/versions/0002.py',
    path: 'migrations/versions/0002.py',
    isMigration: true,
    needsReview: true,
    operations: [
      { range: { start: { line: 18, character: 4 }, end: { line: 18, character: 37 } }, line: 19, rules: ['drop-table', 'drop-unmapped-table'], table: 'project_keywords', message: 'Drops table project_keywords (412 rows)', severity: 'error', rows: 412, acknowledged: false },
      { range: { start: { line: 22, character: 4 }, end: { line: 22, character: 30 } }, line: 23, rules: ['truncate'], table: 'audit', message: 'Truncates audit', severity: 'hint', acknowledged: true, reason: 're-imported nightly' },
    ],
    checklist: [
      { id: 'data-loss-handled', label: 'Every data-loss operation is guarded or acknowledged with a reason', state: 'unchecked', detail: 'Not guarded or acknowledged: line 19.' },
      { id: 'destructive-acknowledged', label: 'No DROP, DELETE, TRUNCATE or type change remains unacknowledged', state: 'unchecked', detail: 'Without an allow comment: line 19.' },
      { id: 'live-schema', label: 'Verified against the live schema', state: 'auto-checked', detail: 'Checked against pglite.' },
      { id: 'tested', label: 'Tested on a local or staging database', state: 'manual', checked: false, detail: 'Run it on a copy first.' },
      { id: 'stakeholder', label: 'A stakeholder confirmed the data loss', state: 'manual', checked: false, detail: 'Name the person.' },
    ],
    tables: [{ name: 'project_keywords', change: 'drop', rows: '412 rows' }],
    signOff: { state: 'none' },
    answers: {},
    blockers: ['Every data-loss operation is guarded or acknowledged with a reason'],
    database: { state: 'ready', description: 'pglite (seeded from seed.sql)' },
    ...overrides,
  };
}

function view(review: ReviewState | null, extra: Partial<ViewModel> = {}): string {
  return renderView({ review, answers: {}, drafts: {}, filter: '', busy: false, ...extra });
}

test('the page allows nothing by default, styles and fonts from the extension, and only its own nonced script', () => {
  const html = sidebarHtml({ cspSource: 'vscode-resource:', nonce: 'abc123', script: 'vscode-resource:/out/webview.js', style: 'vscode-resource:/out/webview.css', codicons: 'vscode-resource:/out/codicons/codicon.css' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  assert.match(html, /<script nonce="abc123" src="vscode-resource:\/out\/webview\.js"><\/script>/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.doesNotMatch(html, /\son\w+=/, 'no inline event handlers');
});

test('messages from the page are validated: unknown types, bad lines, long or empty text and malformed answers are dropped', () => {
  assert.deepEqual(parseToExtension({ type: 'reveal', line: 18 }), { type: 'reveal', line: 18 });
  assert.deepEqual(parseToExtension({ type: 'acknowledge', line: 3, reason: 'moved to archive' }), { type: 'acknowledge', line: 3, reason: 'moved to archive' });
  assert.deepEqual(parseToExtension({ type: 'signOff', answers: { stakeholder: { checked: true, name: 'Grace' }, extra: 1 } }), { type: 'signOff', answers: { stakeholder: { checked: true, name: 'Grace' } } });
  assert.deepEqual(parseToExtension({ type: 'generateModel', table: 'project_keywords', schema: 'public' }), { type: 'generateModel', table: 'project_keywords', schema: 'public' });
  for (const bad of [
    null,
    'reveal',
    { type: 'runCommand', command: 'rm -rf' },
    { type: 'reveal', line: -1 },
    { type: 'reveal', line: 1.5 },
    { type: 'reveal', line: '3' },
    { type: 'acknowledge', line: 3, reason: '   ' },
    { type: 'acknowledge', line: 3, reason: 'x'.repeat(501) },
    { type: 'signOff', answers: { tested: { checked: 'yes' } } },
    { type: 'signOff', answers: { stakeholder: { checked: true, name: 'x'.repeat(201) } } },
    { type: 'signOff' },
    { type: 'generateModel', table: '' },
    { type: 'generateModel', table: 't', schema: 3 },
  ]) {
    assert.equal(parseToExtension(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(parseToWebview({ type: 'review', review: { uri: 1 } }), undefined);
  assert.equal(parseToWebview({ type: 'notice', notice: { kind: 'shout', text: 'x' } }), undefined);
  assert.deepEqual(parseToWebview({ type: 'busy', busy: true }), { type: 'busy', busy: true });
});

test('names, reasons and messages from the repository are escaped', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&';
  const html = view(
    sampleReview({
      path: `migrations/${evil}.py`,
      operations: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, line: 2, rules: ['drop-table'], table: evil, message: evil, severity: 'hint', acknowledged: true, reason: evil }],
      tables: [{ name: evil, change: 'drop', problem: evil }],
    }),
    { drafts: { 1: evil }, filter: evil, notice: { kind: 'error', text: evil } },
  );
  assert.doesNotMatch(html, /<img/);
  assert.ok(html.includes(esc(evil)));
  assert.equal(esc(evil), '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
});

test('the page shows the checklist, the unacknowledged operations with their lines, and disables sign-off while blocked', () => {
  const html = view(sampleReview());
  assert.equal((html.match(/class="op" data-acknowledged="false"/g) ?? []).length, 1);
  assert.match(html, /data-action="reveal" data-line="18"[^>]*>.*Line 19: Drops table project_keywords/);
  assert.match(html, /<button type="button" id="sign-off" class="primary" data-action="sign-off" disabled>/);
  assert.match(html, /<input type="checkbox" id="answer-stakeholder" data-answer="stakeholder">/);
  const ready = view(sampleReview({ blockers: [], signOff: { state: 'stale', signedBy: 'Ada', signedAt: '2026-03-02T10:15:00Z' } }));
  assert.match(ready, /id="sign-off" class="primary" data-action="sign-off">/);
  assert.match(ready, /data-state="stale">.*Changed since Ada signed it off on 2026-03-02/);
  assert.match(view(null), /Open a migration file to review it/);
});

test('the parity panel shows the four categories with counts, filters, and offers Generate model for tables without one', () => {
  const parity = {
    available: true as const,
    project: 'incident',
    source: 'pglite',
    tablesWithoutModel: [{ schema: 'public', name: 'project_keywords', rows: '412 rows' }, { schema: 'public', name: 'legacy', rows: 'empty' }],
    modelsWithoutTable: [{ name: 'Budget', table: 'budgets', file: 'app/models/budget.py' }],
    unreachableModels: [],
    matched: [{ table: { schema: 'public', name: 'projects', rows: '103 rows' }, models: [{ name: 'Project', table: 'projects', file: 'app/models/project.py' }] }],
    database: { state: 'ready' as const },
  };
  const html = view(sampleReview(), { parity, filter: 'proj' });
  assert.match(html, /data-category="tablesWithoutModel" open><summary>Tables with no model \(autogenerate would drop them\) <span class="count" data-count="2">1 of 2<\/span>/);
  assert.match(html, /data-action="generate-model" data-table="project_keywords" data-schema="public"/);
  assert.match(html, /<li data-filter-text="legacy" hidden>/);
  assert.match(html, /data-category="unreachableModels"><summary>[^<]*<span class="count" data-count="0">0<\/span>/);
});

test('a migration that has already run says so, with the date from the history table, and asks for no sign-off', () => {
  const html = view(sampleReview({ needsReview: false, applied: { source: 'django_migrations', at: '2024-03-05', fromDatabase: true } }));
  assert.match(html, /id="applied" class="applied">.*Applied on production on 2024-03-05 \(django_migrations\): it has already run and cannot be changed, so its findings are history\./);
  assert.match(html, /Not signed off\. It has already run, so no sign-off is required\./);
  const baselined = view(sampleReview({ needsReview: false, applied: { source: '.migration-guard-baseline.json', fromDatabase: false } }));
  assert.match(baselined, /Recorded as applied in \.migration-guard-baseline\.json: it has already run/);
  assert.doesNotMatch(view(sampleReview()), /id="applied"/);
});

test("the parity panel offers to stop autogenerate's drops while env.py allows them, and its message is accepted", () => {
  const parity = {
    available: true as const,
    project: 'incident',
    source: 'pglite',
    tablesWithoutModel: [],
    modelsWithoutTable: [],
    unreachableModels: [],
    matched: [],
    database: { state: 'ready' as const },
    hints: ['migrations/env.py does not stop autogenerate from dropping tables <without> a model.'],
    unmappedDropsPossible: true,
  };
  const html = view(sampleReview(), { parity });
  assert.match(html, /<p class="detail">migrations\/env\.py does not stop autogenerate from dropping tables &lt;without&gt; a model\.<\/p><button type="button" id="prevent-unmapped-drops" data-action="prevent-unmapped-drops">.*Stop autogenerate from dropping tables without a model<\/button>/);
  assert.doesNotMatch(view(sampleReview(), { parity: { ...parity, unmappedDropsPossible: false } }), /prevent-unmapped-drops/);
  assert.deepEqual(parseToExtension({ type: 'preventUnmappedDrops', uri: 'file:///elsewhere' }), { type: 'preventUnmappedDrops' });
});

test('while the server starts the page says so instead of "not a migration"; a file that is not a migration keeps the parity panel', () => {
  const loading = view(null, { loading: true });
  assert.match(loading, /data-state="loading">.*Starting Migration Guard/);
  assert.doesNotMatch(loading, /not a migration/);
  const parity = { available: true as const, project: 'incident', source: 'pglite', tablesWithoutModel: [{ schema: 'public', name: 'project_keywords', rows: '412 rows' }], modelsWithoutTable: [], unreachableModels: [], matched: [], database: { state: 'ready' as const } };
  const modelFile = view(sampleReview({ isMigration: false, operations: [], checklist: [], tables: [] }), { parity });
  assert.match(modelFile, /not a migration Migration Guard checks/);
  assert.match(modelFile, /data-action="generate-model" data-table="project_keywords"/);
  assert.match(view(sampleReview({ isMigration: false, operations: [], checklist: [], tables: [] })), /<h3 id="h-parity">Parity: database and models<\/h3><p class="detail">Loading\.\.\.<\/p>/);
});

test('operations carry the icon of their severity, and paths wrap at their separators', () => {
  const html = view(sampleReview({ path: 'migrations/versions/0002_add_project_budget.py' }));
  assert.match(html, /codicon-error err"[^>]*><\/span><span class="visually-hidden">Error:<\/span> Line 19:/);
  assert.doesNotMatch(html, /codicon-warning warn"[^>]*><\/span> Line 19:/);
  assert.match(html, /<p class="path">migrations\/<wbr>versions\/<wbr>0002_add_project_budget\.py<\/p>/);
  const warning = view(sampleReview({ operations: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } }, line: 4, rules: ['update-rows-without-where'], table: 't', message: 'm', severity: 'warning', acknowledged: false }] }));
  assert.match(warning, /codicon-warning warn"[^>]*><\/span> Line 4:/);
});

test('preflight: a Live data line per operation with the icon of its verdict, the verdict on the data-loss operation too, all escaped', () => {
  const review = sampleReview({
    operations: [{ ...sampleReview().operations[0], live: 'will delete 2 rows of project_keywords (e.g. id <b>1</b>, 2)' }],
    liveData: [
      { range: { start: { line: 16, character: 4 }, end: { line: 16, character: 80 } }, line: 17, verdict: 'will-fail', text: 'will fail: 4 rows of users.display_name are NULL (e.g. id 6, 12, 18, 24)', acknowledged: false },
      { range: { start: { line: 17, character: 4 }, end: { line: 17, character: 70 } }, line: 18, verdict: 'safe', text: "safe on today's data: no two rows of projects share (slug)", acknowledged: false },
      { range: { start: { line: 18, character: 4 }, end: { line: 18, character: 37 } }, line: 19, verdict: 'will-lose', text: 'will delete 2 rows of project_keywords', acknowledged: true },
    ],
  });
  const html = view(review);
  assert.match(html, /<h3 id="h-live">Live data <span class="count">3<\/span><\/h3>/);
  assert.match(html, /<li class="live" data-verdict="will-fail" data-line="16"><button type="button" class="link" id="live-16" data-action="reveal" data-line="16"><span class="codicon codicon-error err" aria-hidden="true"><\/span> Line 17<\/button><p class="detail">Live data: will fail: 4 rows of users\.display_name are NULL \(e\.g\. id 6, 12, 18, 24\)<\/p><\/li>/);
  assert.match(html, /data-verdict="safe" data-line="17"><button [^>]*><span class="codicon codicon-pass ok"/);
  assert.match(html, /Line 19<\/button> <span class="tag">acknowledged<\/span>/);
  assert.match(html, /<p class="live">Live data: will delete 2 rows of project_keywords \(e\.g\. id &lt;b&gt;1&lt;\/b&gt;, 2\)<\/p>/);
  assert.doesNotMatch(view(sampleReview()), /h-live/, 'no section without a live database');
});

test('"Tested" carries a Rehearse button, disabled while busy, and "Rehearse again" once the tool ticked it; its message is accepted bare', () => {
  const html = view(sampleReview());
  const tested = /<li class="item manual" data-id="tested"[^]*?<\/li>/.exec(html)?.[0] ?? '';
  assert.match(tested, /<button type="button" id="rehearse" data-action="rehearse">.*Rehearse<\/button>/);
  assert.ok(!/onclick|on\w+=/i.test(tested), 'no inline handler: the CSP allows only the nonced script');
  assert.match(view(sampleReview(), { busy: true }), /id="rehearse" data-action="rehearse" disabled/);
  const note = 'Rehearsed (up and down) by Migration Guard on an embedded PostgreSQL (PGlite), starting from the 1 earlier migration replayed in run order, 2026-12-07T01:00:00.000Z.';
  const ticked = sampleReview({ checklist: [{ id: 'tested', label: 'Tested on a local or staging database', state: 'auto-checked', detail: note, note }] });
  const auto = /<li class="item" data-id="tested"[^]*?<\/li>/.exec(view(ticked))?.[0] ?? '';
  assert.match(auto, /checked by Migration Guard/);
  assert.ok(auto.includes(esc(note)));
  assert.match(auto, /data-action="rehearse">.*Rehearse again<\/button>/);
  // Only the other items' buttons: "tested" alone rehearses.
  assert.equal(view(sampleReview({ checklist: sampleReview().checklist.filter((i) => i.id !== 'tested') })).includes('data-action="rehearse"'), false);
  assert.deepEqual(parseToExtension({ type: 'rehearse', uri: 'file:///elsewhere', command: 'rm -rf' }), { type: 'rehearse' });
  assert.equal(parseToExtension({ type: 'Rehearse' }), undefined);
});
