// Which type changes keep every value. Each case is checked both ways: the widening one and its
// narrowing reverse (or a near miss), so a rule that says "lossless" too easily fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpDetails } from '../../server/src/core/ops';
import { isWidening, judgeTypeChange, readsInSessionZone, sameType } from '../../server/src/core/typeWidening';

test('integers widen to a float whose mantissa holds them exactly', () => {
  assert.ok(isWidening('integer', 'double precision', 'postgres'));
  assert.ok(isWidening('int4', 'float8', 'postgres'));
  // FLOAT alone is double precision in PostgreSQL, single precision in MySQL.
  assert.ok(isWidening('integer', 'float', 'postgres'));
  assert.ok(!isWidening('integer', 'float', 'mysql'));
  assert.ok(isWidening('smallint', 'real', 'postgres'));
  assert.ok(!isWidening('integer', 'real', 'postgres'));
  assert.ok(!isWidening('bigint', 'double precision', 'postgres'));
  assert.ok(!isWidening('double precision', 'integer', 'postgres'));
  assert.ok(!isWidening('double precision', 'real', 'postgres'));
  assert.ok(isWidening('integer', 'double precision(53)', 'postgres'));
});

test('integers widen to a numeric with enough digits before the point', () => {
  assert.ok(isWidening('integer', 'numeric(10,0)', 'postgres'));
  assert.ok(isWidening('integer', 'numeric(12,2)', 'postgres'));
  assert.ok(!isWidening('integer', 'numeric(11,2)', 'postgres'));
  assert.ok(isWidening('smallint', 'numeric(5,0)', 'postgres'));
  assert.ok(!isWidening('smallint', 'numeric(6,2)', 'postgres'));
  assert.ok(isWidening('bigint', 'numeric(19,0)', 'postgres'));
  assert.ok(!isWidening('bigint', 'numeric(20,2)', 'postgres'));
  // PostgreSQL's NUMERIC without a precision holds any number; MySQL's DECIMAL is DECIMAL(10,0).
  assert.ok(isWidening('bigint', 'numeric', 'postgres'));
  assert.ok(!isWidening('bigint', 'decimal', 'mysql'));
  assert.ok(isWidening('numeric(12,2)', 'numeric', 'postgres'));
  assert.ok(!isWidening('numeric', 'numeric(12,2)', 'postgres'));
  assert.ok(!isWidening('numeric(12,2)', 'integer', 'postgres'));
});

test('integers widen to larger integers only', () => {
  assert.ok(isWidening('smallint', 'integer'));
  assert.ok(isWidening('integer', 'bigint'));
  assert.ok(!isWidening('bigint', 'integer'));
});

test('strings widen to longer strings and to text', () => {
  assert.ok(isWidening('varchar(40)', 'varchar(80)'));
  assert.ok(!isWidening('varchar(80)', 'varchar(40)'));
  assert.ok(isWidening('char(36)', 'varchar(36)'));
  assert.ok(!isWidening('char(36)', 'varchar(32)'));
  assert.ok(isWidening('varchar(255)', 'text', 'postgres'));
  // PostgreSQL's varchar without a length and its text are both unbounded.
  assert.ok(isWidening('varchar', 'text', 'postgres'));
  assert.ok(!isWidening('text', 'varchar(255)', 'postgres'));
});

test('dates widen to timestamps; a time zone is another matter', () => {
  assert.ok(isWidening('date', 'timestamp', 'postgres'));
  assert.ok(!isWidening('timestamp', 'date', 'postgres'));
  assert.ok(isWidening('timestamp(3)', 'timestamp', 'postgres'));
  assert.ok(!isWidening('timestamp', 'timestamp(0)', 'postgres'));
  assert.ok(!isWidening('timestamp', 'timestamptz', 'postgres'));
  assert.ok(!isWidening('timestamptz', 'timestamp', 'postgres'));
  // MySQL's TIMESTAMP does not hold dates before 1970.
  assert.ok(isWidening('date', 'datetime', 'mysql'));
  assert.ok(!isWidening('date', 'timestamp', 'mysql'));
  assert.ok(readsInSessionZone('timestamp', 'timestamptz', 'postgres'));
  assert.ok(readsInSessionZone('date', 'timestamp with time zone', 'postgres'));
  assert.ok(readsInSessionZone('timestamp without time zone', 'timestamptz'));
  assert.ok(readsInSessionZone('timestamptz', 'timestamp', 'postgres'));
  assert.ok(!readsInSessionZone('timestamptz', 'date', 'postgres'));
  assert.ok(!readsInSessionZone('timestamp', 'timestamptz', 'mysql'));
  assert.ok(!readsInSessionZone('timestamp', 'timestamp', 'postgres'));
});

test('a float restated under another name is no type change', () => {
  const details = (from: string, to: string, dialect?: 'postgres' | 'mysql') => {
    const d: OpDetails = { newType: to };
    judgeTypeChange(d, from, to, dialect);
    return d;
  };
  assert.deepEqual(details('double precision(53)', 'float', 'postgres'), {});
  assert.equal(details('double precision', 'float', 'mysql').newType, 'float');
  assert.equal(details('varchar(40)', 'VARCHAR(40)').newType, undefined);
  assert.equal(details('varchar(40)', 'varchar(80)').lossless, true);
  assert.equal(details('timestamp', 'timestamptz', 'postgres').sessionZone, true);
  // USING replaces the values: even the same type is a change.
  assert.equal(judged({ newType: 'text', valuesConverted: true }, 'text', 'text').newType, 'text');
});

function judged(d: OpDetails, from: string, to: string): OpDetails {
  judgeTypeChange(d, from, to, 'postgres');
  return d;
}

test('one type written two ways is the same type', () => {
  assert.ok(sameType('VARCHAR(40)', 'varchar(40)'));
  assert.ok(sameType('character varying(40)', 'varchar(40)'));
  assert.ok(sameType('timestamp with time zone', 'timestamptz'));
  assert.ok(sameType('double precision', 'float8'));
  assert.ok(!sameType('varchar(40)', 'varchar(41)'));
  assert.ok(!sameType('timestamp', 'timestamptz'));
});

test('any value fits unbounded text; bounded text must hold its longest form', () => {
  assert.ok(isWidening('boolean', 'text', 'postgres'));
  assert.ok(isWidening('numeric(12,2)', 'text', 'postgres'));
  assert.ok(isWidening('jsonb', 'varchar', 'postgres'));
  assert.ok(isWidening('uuid', 'varchar(36)', 'postgres'));
  assert.ok(!isWidening('uuid', 'varchar(32)', 'postgres'));
  assert.ok(isWidening('date', 'varchar(13)', 'postgres'));
  assert.ok(!isWidening('timestamp', 'varchar(19)', 'postgres'));
  assert.ok(!isWidening('numeric(12,2)', 'varchar(10)', 'postgres'));
  assert.ok(!isWidening('text', 'boolean', 'postgres'));
});
