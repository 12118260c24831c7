// The README's Neovim configuration, taken from the README itself, in a real headless Neovim (Debian's
// `neovim` package: 0.7.2 on bookworm, which has no pull diagnostics): it starts the bundled server on a
// migration and the drop-table diagnostic must reach vim.diagnostic. Skipped where Neovim is not
// installed, except in CI (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { SERVER } from './client';

const README = path.join(__dirname, '..', '..', 'README.md');
const SERVER_PLACEHOLDER = "'/path/to/migration-guard/out/server.js'";

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** The first ```lua block of the README's Neovim section. */
function readmeConfig(): string {
  const readme = fs.readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('### Neovim'));
  const block = /```lua\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the README has a Lua block under "### Neovim"');
  assert.ok(block[1].includes(SERVER_PLACEHOLDER), `the README's config names the server as ${SERVER_PLACEHOLDER}`);
  return block[1];
}

// Written after the README's config: waits for diagnostics in the current buffer, then writes them out.
const REPORT = `
function MigrationGuardTestReport(out)
  vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(lines, vim.fn.json_encode({ lnum = d.lnum, col = d.col, severity = d.severity, code = d.code, source = d.source, message = d.message }))
  end
  vim.fn.writefile(lines, out)
end
`;

test('Neovim with the README configuration gets the drop-table diagnostic (published, not pulled)', { skip: !hasNvim && process.env.CI !== 'true' ? 'nvim is not installed (apt-get install neovim)' : false }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-nvim-'));
  try {
    const migration = path.join(dir, 'db', 'migrations', 'V1__drop_audit.sql');
    fs.mkdirSync(path.dirname(migration), { recursive: true });
    fs.writeFileSync(migration, 'CREATE TABLE kept (id int);\nDROP TABLE audit_log;\n');
    const init = path.join(dir, 'init.lua');
    fs.writeFileSync(init, readmeConfig().replace(SERVER_PLACEHOLDER, JSON.stringify(SERVER)) + REPORT);
    const out = path.join(dir, 'diagnostics.jsonl');
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, '-c', `lua MigrationGuardTestReport(${JSON.stringify(out)})`, '-c', 'qa!', migration], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir },
    });
    assert.equal(run.status, 0, `nvim failed: ${run.stderr}${run.stdout}`);
    const got = fs.readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { lnum: number; col: number; severity: number; code: string; source: string; message: string });
    const drop = got.find((d) => d.code === 'drop-table');
    assert.ok(drop, `no drop-table diagnostic in Neovim; got ${JSON.stringify(got)}; stderr: ${run.stderr}`);
    assert.deepEqual([drop.lnum, drop.col, drop.severity, drop.source], [1, 0, 1, 'Migration Guard']);
    assert.match(drop.message, /^Drops table audit_log and every row in it\./);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
