// The SQL-in-Python injection grammar, tokenized with vscode-textmate and vscode-oniguruma (the engine VS
// Code uses). No Python or SQL grammar ships with npm packages here, so the first tests run the injection
// against a tiny host Python grammar (comments and strings only) and a tiny SQL grammar (keywords and
// literals) written below. They prove the injection's own patterns: which calls it claims, that SQL inside
// their strings is embedded and tokenized as SQL, and that comments and other strings are left alone. They
// do not prove how it interacts with the full Python grammar; the last test does, when VS Code's own
// grammars are on this machine (they come with code-server, which the end-to-end tests install).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..');
const INJECTION_SCOPE = 'migrationguard.sql-in-python.injection';
const INJECTION_PATH = path.join(ROOT, 'syntaxes', 'sql-in-python.tmLanguage.json');
const EMBEDDED = 'meta.embedded.sql-in-python.sql';

// Like VS Code's Python grammar, it reads a string that starts a line as a docstring statement, from the
// line start: the injection has to claim such a line first.
const TINY_PYTHON = {
  scopeName: 'source.python',
  patterns: [
    { match: '#.*$', name: 'comment.line.number-sign.python' },
    { begin: '^(?=\\s*""")', end: '(?<=""")', name: 'string.quoted.docstring.python', patterns: [{ begin: '"""', end: '"""' }] },
    { begin: '[rRbBuUfF]{0,2}"""', end: '"""', name: 'string.quoted.docstring.python' },
    { begin: '[rRbBuUfF]{0,2}"', end: '"|$', name: 'string.quoted.double.python' },
    { begin: "[rRbBuUfF]{0,2}'", end: "'|$", name: 'string.quoted.single.python' },
  ],
};

const TINY_SQL = {
  scopeName: 'source.sql',
  patterns: [
    { match: '(?i)\\b(drop|table|create|index|on|select|from|where|update|set|delete|truncate)\\b', name: 'keyword.other.sql' },
    { begin: "'", end: "'", name: 'string.quoted.single.sql' },
    { match: '--.*$', name: 'comment.line.double-dash.sql' },
  ],
};

let onigReady: Promise<void> | undefined;

function registry(grammars: Record<string, () => IRawGrammar>): Registry {
  onigReady ??= loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  return new Registry({
    onigLib: onigReady.then(() => ({ createOnigScanner: (p: string[]) => new OnigScanner(p), createOnigString: (s: string) => new OnigString(s) })),
    loadGrammar: async (scope) => grammars[scope]?.() ?? null,
    getInjections: (scope) => (scope === 'source.python' ? [INJECTION_SCOPE] : undefined),
  });
}

const raw = (file: string) => () => parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
const inline = (grammar: object) => () => parseRawGrammar(JSON.stringify(grammar), 'inline.json');

/** Scopes of the token that starts at the first occurrence of `needle` (the n-th line holding it). */
function scopesAt(grammar: IGrammar, source: string, needle: string): string[] {
  let state = INITIAL;
  for (const line of source.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const at = line.indexOf(needle);
    if (at < 0) continue;
    const token = result.tokens.find((t) => t.startIndex <= at && at < t.endIndex);
    assert.ok(token);
    return token.scopes;
  }
  throw new Error(`"${needle}" is not in the source`);
}

let python: IGrammar;

before(async () => {
  const loaded = await registry({ 'source.python': inline(TINY_PYTHON), 'source.sql': inline(TINY_SQL), [INJECTION_SCOPE]: raw(INJECTION_PATH) }).loadGrammar('source.python');
  assert.ok(loaded);
  python = loaded;
});

test('SQL in op.execute, sa.text, text and RunSQL strings is embedded SQL', () => {
  const cases = [
    ['op.execute("DROP TABLE users")', 'DROP'],
    ["conn.execute(sa.text('DELETE FROM sessions'))", 'DELETE'],
    ['bind.exec_driver_sql("TRUNCATE events")', 'TRUNCATE'],
    ['text("SELECT 1 FROM t")', 'SELECT'],
    ['migrations.RunSQL(sql="UPDATE t SET a = 1", reverse_sql="UPDATE t SET a = 0")', 'UPDATE'],
    ['op.execute(r"DROP TABLE x")', 'DROP'],
  ];
  for (const [line, keyword] of cases) {
    const scopes = scopesAt(python, line, keyword);
    assert.ok(scopes.includes(EMBEDDED), `${line}: ${scopes.join(' ')}`);
    assert.ok(scopes.includes('keyword.other.sql'), `${line}: ${scopes.join(' ')}`);
  }
});

test('a triple-quoted string is SQL across lines, up to its closing quotes', () => {
  const source = 'op.execute(\n    """\n    DELETE FROM audit_log\n    WHERE created < now()\n    """\n)\nprint("DROP TABLE later")';
  assert.ok(scopesAt(python, source, 'DELETE').includes('keyword.other.sql'));
  assert.ok(scopesAt(python, source, 'WHERE').includes(EMBEDDED));
  assert.ok(!scopesAt(python, source, 'DROP').includes(EMBEDDED), 'the call ended at its closing parenthesis');
});

test('SQL string literals inside the Python string stay inside it', () => {
  const source = `op.execute("UPDATE users SET plan = 'free' WHERE plan IS NULL")\nx = "DROP"`;
  assert.ok(scopesAt(python, source, "'free'").includes('string.quoted.single.sql'));
  assert.ok(scopesAt(python, source, 'WHERE').includes('keyword.other.sql'));
  assert.ok(!scopesAt(python, source, 'DROP').includes(EMBEDDED));
});

test('comments, other calls and other strings are not SQL', () => {
  assert.ok(!scopesAt(python, '# op.execute("DROP TABLE users")', 'DROP').includes(EMBEDDED));
  assert.ok(!scopesAt(python, 'print("DROP TABLE users")', 'DROP').includes(EMBEDDED));
  assert.ok(!scopesAt(python, 'log = "op.execute(\'DROP TABLE users\')"', 'DROP').includes(EMBEDDED));
});

test('a nested call closes before the SQL call does', () => {
  const source = 'op.execute(sa.text("DROP TABLE a").bindparams(x=f(1)))\nname = "DROP"';
  assert.ok(scopesAt(python, source, 'DROP TABLE a').includes(EMBEDDED));
  assert.ok(!scopesAt(python, source, '"DROP"').includes(EMBEDDED));
});

const vscodeGrammars = (() => {
  const cache = path.join(os.homedir(), '.cache', 'migration-guard');
  const installs = fs.existsSync(cache) ? fs.readdirSync(cache).filter((d) => d.startsWith('code-server-')) : [];
  for (const install of installs) {
    const extensions = path.join(cache, install, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
    const py = path.join(extensions, 'python', 'syntaxes', 'MagicPython.tmLanguage.json');
    const sql = path.join(extensions, 'sql', 'syntaxes', 'sql.tmLanguage.json');
    if (fs.existsSync(py) && fs.existsSync(sql)) return { py, sql };
  }
  return undefined;
})();

test('with VS Code\'s own Python and SQL grammars', { skip: vscodeGrammars ? false : 'VS Code\'s grammars are not on this machine (they come with the end-to-end test setup)' }, async () => {
  assert.ok(vscodeGrammars);
  const real = await registry({ 'source.python': raw(vscodeGrammars.py), 'source.sql': raw(vscodeGrammars.sql), [INJECTION_SCOPE]: raw(INJECTION_PATH) }).loadGrammar('source.python');
  assert.ok(real);
  const source = 'def upgrade():\n    op.execute("DROP TABLE users")\n    op.execute(\n        """\n        DELETE FROM audit_log\n        """\n    )\n    # op.execute("TRUNCATE x")\n    print("UPDATE nothing")\n';
  const drop = scopesAt(real, source, 'DROP');
  assert.ok(drop.includes(EMBEDDED) && drop.some((s) => s.startsWith('keyword.other') && s.endsWith('.sql')), drop.join(' '));
  assert.ok(scopesAt(real, source, 'DELETE').includes(EMBEDDED));
  assert.ok(!scopesAt(real, source, 'TRUNCATE').includes(EMBEDDED));
  assert.ok(!scopesAt(real, source, 'UPDATE').includes(EMBEDDED));
});
