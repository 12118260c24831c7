// A 100,000-operation migration (1.9 MB, under the 4 MB limit) takes the server seconds to analyse. It is
// analysed on a background thread: the server keeps answering other documents meanwhile, every request
// for the large document shares one analysis, and an edit cancels the analysis of the version it replaced.
// The assertions are about order and content, not time, so they hold on a slow machine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient, type Diagnostic } from './client';

const OPS = 100_000;
// Enough for the background thread (over 64 KB) and for an analysis that outlasts a round trip, at a
// quarter of the cost: each drop's diagnostic carries its four quick fixes, 1.7 KB of JSON.
const SHARED_OPS = 25_000;
const LARGE_MS = 180_000;
let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lsp-large-'));
  fs.mkdirSync(path.join(dir, 'migrations'));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `DROP TABLE <prefix>0;` to `DROP TABLE <prefix><count - 1>;`, one a line. */
function drops(prefix: string, count = OPS): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`DROP TABLE ${prefix}${i};`);
  return `${lines.join('\n')}\n`;
}

/** One drop-table error per line, each naming its own table: nothing lost, nothing misplaced. */
function assertEveryDrop(items: Diagnostic[], prefix: string, count = OPS): void {
  assert.equal(items.length, count);
  const byLine = [...items].sort((a, b) => a.range.start.line - b.range.start.line);
  byLine.forEach((d, i) => {
    if (d.range.start.line !== i || d.code !== 'drop-table' || d.severity !== 1 || !d.message.startsWith(`Drops table ${prefix}${i} `)) {
      assert.fail(`line ${i}: ${JSON.stringify({ line: d.range.start.line, code: d.code, message: d.message })}`);
    }
  });
}

/** The server's log lines that report a finished background analysis of `name`. */
function backgroundRuns(client: LspClient, name: string): string[] {
  return client.logs.filter((l) => l.includes(name) && / on the background thread/.test(l));
}

test('a small document is answered while a 100,000-operation one is analysed, whose diagnostics are then complete', { timeout: LARGE_MS }, async () => {
  const client = await LspClient.start({ folders: [dir] });
  try {
    const large = fileUri(path.join(dir, 'migrations', 'V1__large.sql'));
    const small = fileUri(path.join(dir, 'migrations', 'V2__small.sql'));
    client.open(large, drops('t'));
    client.open(small, 'DROP TABLE events;\n');
    const arrived: string[] = [];
    const noted = <T>(what: string, answer: Promise<T>) => answer.then((value) => (arrived.push(what), value));
    const largeItems = noted('large diagnostics', client.diagnostics(large, LARGE_MS));
    // Sent after the large document's pull, so the server reads them while it analyses that document.
    const hover = noted('small hover', client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 3 } }, LARGE_MS));
    const smallItems = noted('small diagnostics', client.diagnostics(small, LARGE_MS));
    const answers = await Promise.all([largeItems, hover, smallItems]);
    assert.equal(arrived.at(-1), 'large diagnostics', `answered in this order: ${arrived.join(', ')}`);
    assert.match(answers[1]?.contents.value ?? '', /\*\*Table `events`\*\*[\s\S]*`drop-table` \(error\)/);
    assert.deepEqual(answers[2].map((d) => [d.code, d.range.start.line]), [['drop-table', 0]]);
    assertEveryDrop(answers[0], 't');
  } finally {
    await client.stop();
  }
});

test('requests for the large document wait for its one analysis rather than each analysing it', { timeout: LARGE_MS }, async () => {
  const client = await LspClient.start({ folders: [dir] });
  try {
    const large = fileUri(path.join(dir, 'migrations', 'V3__shared.sql'));
    client.open(large, drops('s', SHARED_OPS));
    const hover = (line: number) => client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: large }, position: { line, character: 3 } }, LARGE_MS);
    const [items, first, last, again] = await Promise.all([client.diagnostics(large, LARGE_MS), hover(0), hover(SHARED_OPS - 1), client.diagnostics(large, LARGE_MS)]);
    assertEveryDrop(items, 's', SHARED_OPS);
    assert.deepEqual(again, items);
    assert.match(first?.contents.value ?? '', /\*\*Table `s0`\*\*/);
    assert.match(last?.contents.value ?? '', new RegExp(`\\*\\*Table \`s${SHARED_OPS - 1}\`\\*\\*`));
    assert.equal(backgroundRuns(client, 'V3__shared.sql').length, 1, client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});

test("an edit cancels the analysis of the version it replaced: a pull for the old version gets the new version's diagnostics", { timeout: LARGE_MS }, async () => {
  const client = await LspClient.start({ folders: [dir] });
  try {
    const large = fileUri(path.join(dir, 'migrations', 'V4__edited.sql'));
    const small = fileUri(path.join(dir, 'migrations', 'V5__small.sql'));
    client.open(small, 'DROP TABLE events;\n');
    client.open(large, drops('old', SHARED_OPS));
    const before = client.diagnostics(large, LARGE_MS);
    // Answered after the server took the pull above, so the old version's analysis is under way.
    await client.diagnostics(small, LARGE_MS);
    client.change(large, drops('new', SHARED_OPS));
    const after = client.diagnostics(large, LARGE_MS);
    const [beforeItems, afterItems] = await Promise.all([before, after]);
    assertEveryDrop(afterItems, 'new', SHARED_OPS);
    assert.deepEqual(beforeItems, afterItems, 'the superseded version was not reported');
    assert.equal(backgroundRuns(client, 'V4__edited.sql').length, 1, `only the new version was analysed to the end:\n${client.logs.join('\n')}`);
  } finally {
    await client.stop();
  }
});

test("without pull support: a small document's diagnostics are published before a large one's, which are complete", { timeout: LARGE_MS }, async () => {
  const client = await LspClient.start({ folders: [dir], pull: false });
  try {
    const large = fileUri(path.join(dir, 'migrations', 'V6__pushed.sql'));
    const small = fileUri(path.join(dir, 'migrations', 'V7__small.sql'));
    client.open(large, drops('p', SHARED_OPS));
    client.open(small, 'DROP TABLE events;\n');
    const smallItems = await client.publishedUntil(small, (d) => d.length > 0, LARGE_MS);
    assert.equal(client.published.get(large), undefined, 'the large document was published first');
    assert.deepEqual(smallItems.map((d) => [d.code, d.range.start.line]), [['drop-table', 0]]);
    assertEveryDrop(await client.publishedUntil(large, (d) => d.length > 0, LARGE_MS), 'p', SHARED_OPS);
  } finally {
    await client.stop();
  }
});
