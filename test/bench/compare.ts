/**
 * Side-by-side counts of what Migration Guard and squawk flag on the same SQL files, against the
 * generator's ground truth. Counts are distinct statements (file + line), split into up and down
 * sections, because squawk lints down sections as if they ran forwards and we deliberately do not
 * flag a down section that only undoes its own up section.
 */
import type { SquawkViolation } from './squawk';
import type { Truth, TruthKind } from './sqlGen';

export interface CliFinding {
  file: string;
  line: number;
  rule: string;
  /** The other rules that reported the same operation (one finding per operation). */
  alsoRules?: string[];
  severity: string;
  phase?: string | null;
}

export interface UpDown {
  up: number;
  down: number;
}

export interface DestructiveRow {
  label: string;
  truth: UpDown;
  ours: UpDown;
  squawk: UpDown;
  oursRules: string[];
  squawkRules: string[];
}

/** Each destructive statement kind, the rule that should catch it in each tool ([] = no such rule). */
const DESTRUCTIVE: readonly { label: string; truth: TruthKind[]; ours: string[]; squawk: string[] }[] = [
  { label: 'DROP TABLE', truth: ['drop-table'], ours: ['drop-table'], squawk: ['ban-drop-table'] },
  { label: 'DROP COLUMN', truth: ['drop-column'], ours: ['drop-column'], squawk: ['ban-drop-column'] },
  { label: 'TRUNCATE', truth: ['truncate'], ours: ['truncate'], squawk: ['ban-truncate-cascade'] },
  { label: 'DELETE (with or without WHERE)', truth: ['delete-with-where', 'delete-without-where'], ours: ['delete-rows'], squawk: [] },
  { label: 'UPDATE without WHERE', truth: ['update-without-where'], ours: ['update-rows-without-where'], squawk: [] },
];

/** Rules that look for the same statement in both tools, for the full per-rule table. */
const EQUIVALENT: readonly (readonly [string, string])[] = [
  ['drop-table', 'ban-drop-table'], ['drop-column', 'ban-drop-column'], ['truncate', 'ban-truncate-cascade'],
  ['drop-schema', 'ban-drop-database'], ['create-index-non-concurrently', 'require-concurrent-index-creation'],
  ['drop-index', 'require-concurrent-index-deletion'], ['alter-column-type', 'changing-column-type'],
  ['rename-column', 'renaming-column'], ['rename-table', 'renaming-table'], ['set-not-null', 'adding-not-nullable-field'],
  ['add-not-null-column-without-default', 'adding-required-field'], ['add-foreign-key-without-not-valid', 'adding-foreign-key-constraint'],
  ['volatile-default-rewrite', 'adding-field-with-default'], ['concurrently-in-transaction', 'ban-concurrent-index-creation-in-transaction'],
];

export const isDown = (phase: string | null | undefined) => phase === 'down' || phase === 'downgrade';

type Located = { key: string; phase: 'up' | 'down'; rule: string };

function countStatements(items: readonly Located[], rules: readonly string[]): UpDown {
  const up = new Set<string>();
  const down = new Set<string>();
  for (const it of items) if (rules.includes(it.rule)) (it.phase === 'down' ? down : up).add(it.key);
  return { up: up.size, down: down.size };
}

function sumTruth(truth: Truth, kinds: readonly TruthKind[]): UpDown {
  return kinds.reduce((acc, k) => ({ up: acc.up + truth[k].up, down: acc.down + truth[k].down }), { up: 0, down: 0 });
}

export interface Comparison {
  destructive: DestructiveRow[];
  total: { truth: UpDown; ours: UpDown; squawk: UpDown };
  truncateCascade: UpDown;
  /** [our rule, our count, squawk rule, squawk count]; '' where one side has no counterpart. */
  perRule: [string, number, string, number][];
}

export function compare(
  truth: Truth,
  ours: readonly CliFinding[],
  squawk: readonly SquawkViolation[],
  squawkPhase: (file: string, line0: number) => 'up' | 'down',
): Comparison {
  // A finding counts for every rule that reported its operation: a drop of a table no model maps is one
  // finding of drop-unmapped-table, also reported by drop-table.
  const o: Located[] = ours.flatMap((f) => [f.rule, ...(f.alsoRules ?? [])].map((rule) => ({ key: `${f.file}:${f.line}`, phase: isDown(f.phase) ? 'down' as const : 'up' as const, rule })));
  const s: Located[] = squawk.map((v) => ({ key: `${v.file}:${v.line}`, phase: squawkPhase(v.file, v.line), rule: v.rule_name }));
  const destructive = DESTRUCTIVE.map((d) => ({
    label: d.label,
    truth: sumTruth(truth, d.truth),
    ours: countStatements(o, d.ours),
    squawk: countStatements(s, d.squawk),
    oursRules: d.ours,
    squawkRules: d.squawk,
  }));
  const total = {
    truth: sumTruth(truth, DESTRUCTIVE.flatMap((d) => d.truth)),
    ours: countStatements(o, DESTRUCTIVE.flatMap((d) => d.ours)),
    squawk: countStatements(s, DESTRUCTIVE.flatMap((d) => d.squawk)),
  };
  return { destructive, total, truncateCascade: truth['truncate-cascade'], perRule: perRuleTable(ours, squawk) };
}

function tallyBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

/** Paired rules first (when either fired), then each tool's remaining rules, most frequent first. */
function perRuleTable(ours: readonly CliFinding[], squawk: readonly SquawkViolation[]): [string, number, string, number][] {
  const oc = tallyBy(ours, (f) => f.rule);
  const sc = tallyBy(squawk, (v) => v.rule_name);
  const rows: [string, number, string, number][] = [];
  for (const [a, b] of EQUIVALENT) {
    if ((oc.get(a) ?? 0) + (sc.get(b) ?? 0) === 0) continue;
    rows.push([a, oc.get(a) ?? 0, b, sc.get(b) ?? 0]);
  }
  const pairedOurs = new Set(EQUIVALENT.map(([a]) => a));
  const pairedSquawk = new Set(EQUIVALENT.map(([, b]) => b));
  const byCount = (m: Map<string, number>, skip: Set<string>) => [...m].filter(([r]) => !skip.has(r)).sort((x, y) => y[1] - x[1]);
  for (const [r, n] of byCount(oc, pairedOurs)) rows.push([r, n, '', 0]);
  for (const [r, n] of byCount(sc, pairedSquawk)) rows.push(['', 0, r, n]);
  return rows;
}
