import { initPgParser } from '../../server/src/core/parse/pg';
import { sqlFileFrontend } from '../../server/src/core/frontends/sql';
(async () => {
  await initPgParser();
  const stmts = [
    "ALTER TABLE users ADD COLUMN c int NOT NULL DEFAULT 0;",
    "CREATE INDEX CONCURRENTLY i ON t (a, b);",
    "DROP TABLE IF EXISTS old_stuff CASCADE;",
    "UPDATE t SET a = 1 WHERE id = 3;",
    "INSERT INTO t (a, b) VALUES (1, 'x; y');",
    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'no'; END IF; END $$;",
    "CREATE TABLE foo (id bigserial primary key, name text not null, created_at timestamptz default now());",
  ];
  const text = Array.from({ length: 2000 }, (_, i) => `-- statement ${i}\n${stmts[i % stmts.length]}`).join('\n');
  for (let k = 0; k < 30; k++) {
    const t0 = performance.now();
    const r = sqlFileFrontend(text, 'x.sql');
    console.log((performance.now() - t0).toFixed(1), 'ms', r.ops.length, r.problems.length);
  }
  return;
  let t0 = performance.now(); let r = sqlFileFrontend(s, 'x.sql'); console.log('random', (performance.now() - t0).toFixed(1), r.ops.length, r.problems.length);
  s = ''; for (let i = 0; i < 1_000_000; i++) s += 'abc ;\'"$-/*\\\nE'[Math.floor(Math.random() * 14)];
  t0 = performance.now(); r = sqlFileFrontend(s, 'x.sql'); console.log('random2', (performance.now() - t0).toFixed(1), r.ops.length, r.problems.length);
  s = 'SELECT 1;'.repeat(100000) ;
  t0 = performance.now(); r = sqlFileFrontend(s, 'x.sql'); console.log('100k selects', (performance.now() - t0).toFixed(1), r.ops.length, r.problems.length);
  s = 'x;'.repeat(100000) ;
  t0 = performance.now(); r = sqlFileFrontend(s, 'x.sql'); console.log('100k bad', (performance.now() - t0).toFixed(1), r.ops.length, r.problems.length);
})();
