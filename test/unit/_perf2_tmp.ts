import { initPgParser, pgParser } from '../../server/src/core/parse/pg';
import { splitStatements } from '../../server/src/core/parse/sqlSplit';
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
  for (let k = 0; k < 5; k++) {
    let t0 = performance.now();
    const ss = splitStatements(text);
    const t1 = performance.now();
    for (const s of ss) pgParser().parse(s.text);
    const t2 = performance.now();
    pgParser().parse(text);
    const t3 = performance.now();
    console.log('split', (t1 - t0).toFixed(1), 'parse each', (t2 - t1).toFixed(1), 'parse whole', (t3 - t2).toFixed(1));
  }
})();
