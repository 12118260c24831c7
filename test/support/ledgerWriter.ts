// A separate process that records sign-offs into one ledger, for the race test in
// test/unit/reviewLedger.test.ts: node --import tsx ledgerWriter.ts LEDGER PREFIX COUNT
import { recordSignOff } from '../../server/src/core/review/ledger';

const [file, prefix, count] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  recordSignOff(file, `${prefix}/${i}.py`, {
    sha256: 'a'.repeat(64),
    signedBy: prefix,
    signedAt: new Date().toISOString(),
    checklist: [{ id: 'tested', state: 'checked', by: 'person' }],
  }, { lockTimeoutMs: 30_000 });
}
