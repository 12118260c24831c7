import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../server/src/core/ops';
import type { FileReport } from '../../server/src/core/report';
import { reporterFor, type RuleMeta, type RunResult } from '../../server/src/cli/reporters/index';
import { githubReporter } from '../../server/src/cli/reporters/github';
import { jsonReporter } from '../../server/src/cli/reporters/json';
import { sarifReporter } from '../../server/src/cli/reporters/sarif';
import { textReporter } from '../../server/src/cli/reporters/text';

/** The range of the `nth` occurrence of `needle`, so fixtures read as source rather than offsets. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `fixture does not contain ${JSON.stringify(needle)}`);
  return { start, end: start + needle.length };
}

// CRLF line endings, and a non-ASCII line (accents, an emoji) before the finding.
const alembicText = [
  '"""drop users"""',
  'from alembic import op',
  '',
  'def upgrade():',
  '    # café ünïcode 🦆',
  '    op.drop_table("users")',
  '    # migration-guard: allow drop-column -- column unused since v3',
  '    op.drop_column("orders", "legacy_ref")',
  '',
].join('\r\n');

// Wide and non-ASCII characters on the same line as the finding, before it.
const wideText = ['def upgrade():', '    op.execute("-- 表 ñ"); op.drop_column("t", "c")', ''].join('\n');

// A statement spanning four lines that starts on line 9, so the gutter needs two digits.
const sqlText = [
  '-- migrate:up',
  ...Array.from({ length: 7 }, (_, i) => `-- note ${i + 1}`),
  'DELETE FROM audit_log',
  'WHERE created_at < now()',
  "  - interval '90 days'",
  '  AND archived;',
  '',
].join('\n');
const deleteStatement = sqlText.slice(sqlText.indexOf('DELETE'), sqlText.indexOf(';') + 1);

const alembic: FileReport = {
  path: 'migrations/versions/0002_drop.py',
  framework: 'alembic',
  text: alembicText,
  findings: [
    {
      rule: 'drop-column',
      severity: 'hint',
      range: rangeOf(alembicText, 'op.drop_column("orders", "legacy_ref")'),
      phase: 'upgrade',
      table: 'orders',
      column: 'legacy_ref',
      message: 'Dropping column "orders.legacy_ref" deletes its values in every row.',
      acknowledged: { reason: 'column unused since v3' },
    },
    {
      rule: 'drop-table',
      severity: 'error',
      range: rangeOf(alembicText, 'op.drop_table("users")'),
      phase: 'upgrade',
      table: 'users',
      message: 'Dropping table "users" destroys its 1,204 rows.',
      rows: 1204,
    },
  ],
};

const wide: FileReport = {
  path: 'migrations/versions/0001_wide.py',
  framework: 'alembic',
  text: wideText,
  findings: [
    {
      rule: 'drop-column',
      severity: 'warning',
      range: rangeOf(wideText, 'op.drop_column("t", "c")'),
      message: 'Dropping column "t.c" deletes its values.',
    },
  ],
};

const sql: FileReport = {
  path: 'db/migrations/001_cleanup.sql',
  framework: 'sql',
  text: sqlText,
  findings: [
    {
      rule: 'delete-rows',
      severity: 'info',
      range: rangeOf(sqlText, deleteStatement),
      phase: 'up',
      table: 'audit_log',
      message: 'DELETE removes rows from "audit_log".',
    },
  ],
};

const run: RunResult = {
  reports: [alembic, sql, wide, { path: 'migrations/env.py', text: '', findings: [] }],
  errors: [{ path: 'migrations/versions/0003_broken.py', message: 'EACCES: permission denied' }],
  filesChecked: 5,
};

const rules: RuleMeta[] = [
  { id: 'drop-table', summary: 'Flags dropped tables.', why: 'All rows are lost.', defaultSeverity: 'error' },
  { id: 'drop-column', summary: 'Flags dropped columns.', why: 'The values are lost.', defaultSeverity: 'error' },
  { id: 'delete-rows', summary: 'Flags DELETE statements.', why: 'Rows are lost.', defaultSeverity: 'error' },
  { id: 'drop-index', summary: 'Flags dropped indexes.', why: 'Queries slow down.', defaultSeverity: 'warning' },
];

test('text: excerpts with carets, acknowledged findings, errors and summary, sorted by path', () => {
  const expected = [
    'db/migrations/001_cleanup.sql:9:1  info  delete-rows  DELETE removes rows from "audit_log".',
    ' 9 | DELETE FROM audit_log',
    '   | ^^^^^^^^^^^^^^^^^^^^^',
    '10 | WHERE created_at < now()',
    "11 |   - interval '90 days'",
    '   | ...',
    '',
    'migrations/versions/0001_wide.py:2:27  warning  drop-column  Dropping column "t.c" deletes its values.',
    '2 |     op.execute("-- 表 ñ"); op.drop_column("t", "c")',
    '  |                            ^^^^^^^^^^^^^^^^^^^^^^^^',
    '',
    'migrations/versions/0002_drop.py:6:5  error  drop-table  Dropping table "users" destroys its 1,204 rows.',
    '6 |     op.drop_table("users")',
    '  |     ^^^^^^^^^^^^^^^^^^^^^^',
    '',
    'migrations/versions/0002_drop.py:8:5  hint  drop-column  Dropping column "orders.legacy_ref" deletes its values in every row.',
    '  acknowledged: column unused since v3',
    '',
    'error: migrations/versions/0003_broken.py: EACCES: permission denied',
    '',
    '1 error, 1 warning, 1 info, 1 acknowledged in 5 files; 1 file could not be read.',
    '',
  ].join('\n');
  assert.equal(textReporter(run, { color: false }), expected);
});

test('text: a tab before the finding is kept so the carets stay aligned, and an empty range gets one caret', () => {
  const text = '\tDROP TABLE t;\n';
  const report: FileReport = {
    path: 'a.sql',
    text,
    findings: [
      { rule: 'drop-table', severity: 'error', range: rangeOf(text, 'DROP TABLE t;'), message: 'm' },
      { rule: 'parse-error', severity: 'error', range: { start: 6, end: 6 }, message: 'p' },
    ],
  };
  const out = textReporter({ reports: [report], errors: [], filesChecked: 1 }, { color: false });
  assert.ok(out.includes('1 | \tDROP TABLE t;\n  | \t^^^^^^^^^^^^^\n'), out);
  assert.ok(out.includes('a.sql:1:7  error  parse-error  p\n1 | \tDROP TABLE t;\n  | \t     ^\n'), out);
});

test('text: a range that ends just after a line break quotes only its own line', () => {
  const text = 'DROP TABLE t;\nSELECT 1;\n';
  const report: FileReport = {
    path: 'b.sql',
    text,
    findings: [{ rule: 'drop-table', severity: 'error', range: rangeOf(text, 'DROP TABLE t;\n'), message: 'm' }],
  };
  assert.equal(
    textReporter({ reports: [report], errors: [], filesChecked: 1 }, { color: false }),
    'b.sql:1:1  error  drop-table  m\n1 | DROP TABLE t;\n  | ^^^^^^^^^^^^^\n\n1 error in 1 file.\n',
  );
});

test('text: a file that could not be decoded gets no excerpt; a clean run says so', () => {
  const undecodable: FileReport = {
    path: 'bin.sql',
    text: '',
    findings: [{ rule: 'parse-error', severity: 'error', range: { start: 0, end: 0 }, message: 'not UTF-8' }],
  };
  assert.equal(
    textReporter({ reports: [undecodable], errors: [], filesChecked: 1 }, { color: false }),
    'bin.sql:1:1  error  parse-error  not UTF-8\n\n1 error in 1 file.\n',
  );
  assert.equal(textReporter({ reports: [], errors: [], filesChecked: 12 }, { color: false }), 'No findings in 12 files.\n');
});

test('text: colours by severity only when asked', () => {
  const coloured = textReporter(run, { color: true });
  assert.ok(coloured.includes('  \x1b[31merror\x1b[0m  drop-table'));
  assert.ok(coloured.includes('  \x1b[33mwarning\x1b[0m  drop-column'));
  assert.ok(coloured.includes('  \x1b[36minfo\x1b[0m  delete-rows'));
  assert.ok(coloured.includes('  \x1b[2mhint\x1b[0m  drop-column'));
  assert.ok(coloured.includes('  |     \x1b[31m^^^^^^^^^^^^^^^^^^^^^^\x1b[0m'));
  assert.ok(coloured.includes('\x1b[1;31merror:\x1b[0m migrations/versions/0003_broken.py'));
  assert.ok(!textReporter(run, { color: false }).includes('\x1b['));
});

test('json: exactly the CLI contract, 1-based positions, pretty-printed', () => {
  const out = jsonReporter(run, { color: false });
  assert.ok(out.startsWith('{\n  "version": 1,\n  "files": 5,\n'));
  assert.ok(out.endsWith('}\n'));
  const parsed = JSON.parse(out);
  assert.deepEqual(Object.keys(parsed), ['version', 'files', 'findings', 'errors']);
  assert.deepEqual(
    parsed.findings.map((f: { file: string; line: number }) => [f.file, f.line]),
    [
      ['db/migrations/001_cleanup.sql', 9],
      ['migrations/versions/0001_wide.py', 2],
      ['migrations/versions/0002_drop.py', 6],
      ['migrations/versions/0002_drop.py', 8],
    ],
  );
  const [deleteRows, wideDrop, dropTable, acknowledged] = parsed.findings;
  assert.deepEqual(Object.keys(dropTable), [
    'file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'phase', 'table', 'column_name', 'message', 'rows',
  ]);
  assert.deepEqual(dropTable, {
    file: 'migrations/versions/0002_drop.py',
    line: 6,
    column: 5,
    endLine: 6,
    endColumn: 27,
    rule: 'drop-table',
    severity: 'error',
    phase: 'upgrade',
    table: 'users',
    column_name: null,
    message: 'Dropping table "users" destroys its 1,204 rows.',
    rows: 1204,
  });
  assert.deepEqual(acknowledged, {
    file: 'migrations/versions/0002_drop.py',
    line: 8,
    column: 5,
    endLine: 8,
    endColumn: 43,
    rule: 'drop-column',
    severity: 'hint',
    phase: 'upgrade',
    table: 'orders',
    column_name: 'legacy_ref',
    message: 'Dropping column "orders.legacy_ref" deletes its values in every row.',
    acknowledged: 'column unused since v3',
  });
  // Columns count UTF-16 code units: "表" and "ñ" are one each; absent phase/table stay as null.
  assert.deepEqual(
    [wideDrop.line, wideDrop.column, wideDrop.endLine, wideDrop.endColumn, wideDrop.phase, wideDrop.table],
    [2, 27, 2, 51, null, null],
  );
  assert.deepEqual([deleteRows.line, deleteRows.column, deleteRows.endLine, deleteRows.endColumn], [9, 1, 12, 16]);
  assert.ok(!('rows' in deleteRows) && !('acknowledged' in deleteRows));
  assert.deepEqual(parsed.errors, [{ file: 'migrations/versions/0003_broken.py', message: 'EACCES: permission denied' }]);
});

test('sarif: a valid 2.1.0 log with rules, levels, regions, encoded URIs and suppressions', () => {
  const spaced: FileReport = {
    path: 'migrations\\versions\\0004 add é.py',
    text: 'op.drop_index("ix")\n',
    findings: [
      { rule: 'drop-index', severity: 'warning', range: { start: 0, end: 19 }, message: 'Drops index "ix".' },
      { rule: 'custom-rule', severity: 'hint', range: { start: 0, end: 2 }, message: 'No metadata for this rule.' },
    ],
  };
  const log = JSON.parse(sarifReporter(rules)({ ...run, reports: [...run.reports, spaced] }, { color: false }));
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  const { driver } = sarifRun.tool;
  assert.equal(driver.name, 'migration-guard');
  assert.match(driver.informationUri, /^https:\/\//);
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
  assert.deepEqual(driver.rules[0], {
    id: 'drop-table',
    shortDescription: { text: 'Flags dropped tables.' },
    fullDescription: { text: 'All rows are lost.' },
    defaultConfiguration: { level: 'error' },
  });
  assert.deepEqual(driver.rules[3].defaultConfiguration, { level: 'warning' });

  const results = sarifRun.results;
  assert.equal(results.length, 6);
  for (const result of results) {
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    assert.equal(typeof result.message.text, 'string');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  }
  assert.deepEqual(driver.rules.at(-1), { id: 'custom-rule' });

  const dropTable = results.find((r: { ruleId: string }) => r.ruleId === 'drop-table');
  assert.equal(dropTable.level, 'error');
  assert.deepEqual(dropTable.locations[0].physicalLocation, {
    artifactLocation: { uri: 'migrations/versions/0002_drop.py', uriBaseId: '%SRCROOT%' },
    region: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 27 },
  });
  assert.equal(dropTable.suppressions, undefined);

  const acknowledged = results.find((r: { ruleId: string; level: string }) => r.ruleId === 'drop-column' && r.level === 'note');
  assert.deepEqual(acknowledged.suppressions, [{ kind: 'inSource', justification: 'column unused since v3' }]);
  assert.equal(results.find((r: { ruleId: string }) => r.ruleId === 'delete-rows').level, 'note');

  const dropIndex = results.find((r: { ruleId: string }) => r.ruleId === 'drop-index');
  assert.equal(dropIndex.locations[0].physicalLocation.artifactLocation.uri, 'migrations/versions/0004%20add%20%C3%A9.py');

  assert.deepEqual(sarifRun.invocations, [
    {
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'EACCES: permission denied' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'migrations/versions/0003_broken.py', uriBaseId: '%SRCROOT%' },
              },
            },
          ],
        },
      ],
    },
  ]);
});

test('sarif: an absolute path becomes a file: URI', () => {
  const report: FileReport = {
    path: '/srv/app/migrations/x.sql',
    text: 'DROP TABLE t;',
    findings: [{ rule: 'drop-table', severity: 'error', range: { start: 0, end: 13 }, message: 'm' }],
  };
  const log = JSON.parse(sarifReporter(rules)({ reports: [report], errors: [], filesChecked: 1 }, { color: false }));
  assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, {
    uri: 'file:///srv/app/migrations/x.sql',
  });
  assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
});

test('github: workflow commands with escaped properties and data; acknowledged findings are left out', () => {
  const text = 'TRUNCATE audit;\nDROP INDEX ix;\n';
  const report: FileReport = {
    path: 'db/2024:01,init.sql',
    text,
    findings: [
      {
        rule: 'truncate',
        severity: 'error',
        range: rangeOf(text, 'TRUNCATE audit;'),
        message: 'Removes 100% of rows\r\nfrom "audit": back up first',
      },
      { rule: 'drop-index', severity: 'info', range: rangeOf(text, 'DROP INDEX ix;'), message: 'Drops ix.' },
    ],
  };
  const out = githubReporter({ ...run, reports: [...run.reports, report] }, { color: false });
  assert.equal(
    out,
    [
      '::error file=db/2024%3A01%2Cinit.sql,line=1,col=1,endLine=1,endColumn=16,title=truncate::Removes 100%25 of rows%0D%0Afrom "audit": back up first',
      '::notice file=db/2024%3A01%2Cinit.sql,line=2,col=1,endLine=2,endColumn=15,title=drop-index::Drops ix.',
      '::notice file=db/migrations/001_cleanup.sql,line=9,col=1,endLine=12,endColumn=16,title=delete-rows::DELETE removes rows from "audit_log".',
      '::warning file=migrations/versions/0001_wide.py,line=2,col=27,endLine=2,endColumn=51,title=drop-column::Dropping column "t.c" deletes its values.',
      '::error file=migrations/versions/0002_drop.py,line=6,col=5,endLine=6,endColumn=27,title=drop-table::Dropping table "users" destroys its 1,204 rows.',
      '::error file=migrations/versions/0003_broken.py::EACCES: permission denied',
      '2 errors, 1 warning, 2 info, 1 acknowledged in 5 files; 1 file could not be read.',
      '',
    ].join('\n'),
  );
});

test('reporterFor returns the reporter for each format', () => {
  const clean: RunResult = { reports: [], errors: [], filesChecked: 0 };
  const opts = { color: false };
  assert.equal(reporterFor('text', rules)(clean, opts), 'No findings in 0 files.\n');
  assert.equal(JSON.parse(reporterFor('json', rules)(clean, opts)).version, 1);
  assert.equal(JSON.parse(reporterFor('sarif', rules)(clean, opts)).runs[0].tool.driver.rules.length, rules.length);
  assert.equal(reporterFor('github', rules)(clean, opts), 'No findings in 0 files.\n');
});
