// The database URL cannot loosen the session Migration Guard opens: its timeouts and read-only mode are
// removed from the URL (and named, never quoted, in the warning); every other parameter stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ignoredOptionsMessage, sessionUrl } from '../../server/src/core/db/urlOptions';

test('timeouts and read-only settings in the URL query are removed and named; other parameters stay', () => {
  const r = sessionUrl('postgresql://app:pw@db:5432/projects?sslmode=require&statement_timeout=60000&query_timeout=0&Lock_Timeout=0&default_transaction_read_only=off&application_name=x&connect_timeout=99');
  assert.equal(r.url, 'postgresql://app:pw@db:5432/projects?sslmode=require&application_name=x');
  assert.deepEqual(r.ignored, ['statement_timeout', 'query_timeout', 'Lock_Timeout', 'default_transaction_read_only', 'connect_timeout']);
  assert.deepEqual(r.options, []);
});

test('options: every spelling of a guarded setting goes, other settings are kept with their escapes', () => {
  const options = '-c statement_timeout=60000 -cdefault_transaction_read_only=off --lock-timeout=0 -c search_path=app\\ data -c TRANSACTION_READ_ONLY=off';
  const r = sessionUrl(`postgresql://app@db/projects?options=${encodeURIComponent(options)}`);
  assert.equal(r.url, 'postgresql://app@db/projects');
  assert.deepEqual(r.options, ['-c search_path=app\\ data']);
  assert.deepEqual(r.ignored, ['options -c statement_timeout', 'options -c default_transaction_read_only', 'options -c lock_timeout', 'options -c transaction_read_only']);
});

test('a URL with nothing to remove is passed on unchanged, and then nothing is said', () => {
  const url = 'postgresql://app:p%40ss@db:6432/projects?sslmode=verify-full&application_name=ci';
  assert.deepEqual(sessionUrl(url), { url, options: [], ignored: [] });
  assert.equal(ignoredOptionsMessage([]), undefined);
});

test('the warning is one sentence that names what was ignored and never its value', () => {
  const r = sessionUrl('postgresql://app@db/projects?statement_timeout=123456&options=-c%20default_transaction_read_only%3Doff');
  const message = ignoredOptionsMessage(r.ignored) ?? '';
  assert.equal(message, "ignoring statement_timeout, options -c default_transaction_read_only in the database URL: Migration Guard's own connect and statement timeouts and its read-only mode always apply.");
  assert.ok(!message.includes('123456'));
});
