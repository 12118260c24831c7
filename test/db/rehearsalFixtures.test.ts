// The rehearsal rules' fixtures (test/fixtures/rules/{rehearsal-failed,cascade-drop,downgrade-not-restoring})
// are checked by the static fixture runner from a facts.json, because a fixture run has no database. This
// test keeps those facts honest: it rehearses every fixture on PGlite (from test/fixtures/rehearsal/schema.sql)
// and requires facts.json to be exactly that result (UPDATE_SNAPSHOTS=1 rewrites it).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { rehearse } from '../../server/src/core/rehearsal/rehearse';
import { openPgliteScratch } from '../../server/src/core/rehearsal/scratch';
import { sidesOf } from '../../server/src/core/rehearsal/sources';
import type { Rehearsal } from '../../server/src/core/rehearsal/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SCHEMA = fs.readFileSync(path.join(FIXTURES, 'rehearsal', 'schema.sql'), 'utf8');
const RULES = ['rehearsal-failed', 'cascade-drop', 'downgrade-not-restoring'];
// The time of the run is the one thing that differs between two rehearsals of the same files.
const AT = '2026-01-01T00:00:00.000Z';

for (const rule of RULES) {
  test(`${rule}: facts.json is what rehearsing its fixtures produces`, async () => {
    const dir = path.join(FIXTURES, 'rules', rule);
    const rehearsals: Record<string, Rehearsal> = {};
    for (const file of fs.readdirSync(dir).filter((f) => /^(?:bad|ok)-.*\.sql$/.test(f)).sort()) {
      const name = `${rule}/${file}`;
      const { up, down } = sidesOf(fs.readFileSync(path.join(dir, file), 'utf8'), name);
      assert.ok(up, `${name} has an up section`);
      const start = { kind: 'replay' as const, earlier: [{ path: 'rehearsal/schema.sql', text: SCHEMA, segments: [{ start: 0, end: SCHEMA.length }], inTransaction: true }] };
      rehearsals[name] = { ...(await rehearse(up, down, { openScratch: openPgliteScratch, start, rows: 3 })), at: AT };
    }
    const expected = `${JSON.stringify({ rehearsals }, null, 1)}\n`;
    const file = path.join(dir, 'facts.json');
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) fs.writeFileSync(file, expected);
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
  });
}
