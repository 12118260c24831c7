// The accuracy suite: migrations written in the styles of real projects (test/accuracy/corpus), each
// with the findings it should raise written out by hand in expected.json as `"<line> <rule>"`. Every
// finding counts except acknowledged ones (hints), info included: a rollback that drops a table is a
// finding. Recall and precision are computed per rule, printed, and written to
// .test-output/accuracy.md; a data-loss rule that misses an expected finding fails the suite.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { detectFramework } from '../../server/src/core/detect';
import type { SqlDialect } from '../../server/src/core/options';
import { LineIndex } from '../../server/src/core/text';

const HERE = __dirname;
const CORPUS = path.join(HERE, 'corpus');
const OUTPUT = path.join(HERE, '..', '..', '.test-output', 'accuracy.md');
const DATA_LOSS = ['drop-table', 'drop-column', 'drop-schema', 'truncate', 'delete-rows', 'update-rows-without-where', 'alter-column-type', 'drop-type-or-enum-value'];

interface Expected {
  /** Project folder -> dialect, for projects whose dialect no configuration file names (a CLI flag in real use). */
  dialects: Record<string, SqlDialect>;
  files: Record<string, string[]>;
}

const expected = JSON.parse(fs.readFileSync(path.join(HERE, 'expected.json'), 'utf8')) as Expected;

function corpusFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return corpusFiles(path.join(dir, e.name), `${prefix}${e.name}/`);
    return /\.(?:py|sql)$/.test(e.name) ? [`${prefix}${e.name}`] : [];
  });
}

function dialectOf(file: string): SqlDialect | undefined {
  return expected.dialects[file.split('/')[0]];
}

interface Score {
  expected: number;
  found: number;
  truePositives: number;
}

/** Counts of `line rule` entries, so that two findings of one rule on one line are two entries. */
function multiset(entries: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  return counts;
}

before(async () => {
  await initAnalyzer();
});

test('every migration in the corpus has expectations, and every expectation names a migration', () => {
  const migrations = corpusFiles(CORPUS).filter((f) => detectFramework(f, fs.readFileSync(path.join(CORPUS, f), 'utf8')) !== undefined);
  assert.deepEqual(migrations.sort(), Object.keys(expected.files).sort());
  assert.ok(migrations.length >= 150, `the corpus has ${migrations.length} migrations`);
});

test('recall and precision per rule; data-loss rules find every expected finding', () => {
  const scores = new Map<string, Score>();
  const score = (rule: string): Score => {
    const existing = scores.get(rule);
    if (existing) return existing;
    const fresh = { expected: 0, found: 0, truePositives: 0 };
    scores.set(rule, fresh);
    return fresh;
  };
  const disagreements: string[] = [];
  for (const [file, wanted] of Object.entries(expected.files)) {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const dialect = dialectOf(file);
    const report = analyzeText(file, text, { baseDir: CORPUS, ...(dialect ? { dialect } : {}) });
    const index = new LineIndex(text);
    const got = report.findings.filter((f) => f.severity !== 'hint').map((f) => `${index.position(f.range.start).line + 1} ${f.rule}`);
    const want = multiset(wanted);
    const have = multiset(got);
    for (const [entry, n] of want) score(entry.split(' ')[1]).expected += n;
    for (const [entry, n] of have) {
      const rule = entry.split(' ')[1];
      const matched = Math.min(n, want.get(entry) ?? 0);
      score(rule).found += n;
      score(rule).truePositives += matched;
      if (n > matched) disagreements.push(`${file}:${entry} (not expected)`);
    }
    for (const [entry, n] of want) if (n > (have.get(entry) ?? 0)) disagreements.push(`${file}:${entry} (missed)`);
  }
  const table = render(scores);
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, `${table}\n${disagreements.length > 0 ? `\nDisagreements:\n${disagreements.map((d) => `- ${d}`).join('\n')}\n` : ''}`);
  console.log(`${table}\n${disagreements.join('\n')}`);
  const incomplete = DATA_LOSS.filter((rule) => {
    const s = scores.get(rule);
    return s !== undefined && s.truePositives < s.expected;
  });
  assert.deepEqual(incomplete, [], 'data-loss rules must reach 100% recall');
});

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function render(scores: Map<string, Score>): string {
  const rows = [...scores.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((t, [, s]) => ({ expected: t.expected + s.expected, found: t.found + s.found, truePositives: t.truePositives + s.truePositives }), { expected: 0, found: 0, truePositives: 0 });
  const line = (rule: string, s: Score) => `| ${rule} | ${s.expected} | ${s.found} | ${s.truePositives} | ${percent(s.truePositives, s.expected)} | ${percent(s.truePositives, s.found)} |`;
  return [
    `Accuracy on ${Object.keys(expected.files).length} migrations (test/accuracy/corpus)`,
    '',
    '| rule | expected | found | correct | recall | precision |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(([rule, s]) => line(`\`${rule}\``, s)),
    line('**all rules**', total),
  ].join('\n');
}
