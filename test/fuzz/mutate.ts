// Deterministic input mutations for fuzzing: the same (seed, index) always yields the same input, so a
// failure is reproduced with `FUZZ_SEED=<seed> FUZZ_ONLY=<index>`.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FuzzInput {
  index: number;
  path: string;
  bytes: Uint8Array;
  mutation: string;
}

/** mulberry32: small, fast and good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadCorpus(root: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(py|sql)$/.test(entry.name)) out.push({ path: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

const enc = new TextEncoder();
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const MUTATIONS: Record<string, (text: string, r: Rand) => Uint8Array | string> = {
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  randomBytes: (t, r) => {
    const bytes = enc.encode(t);
    const n = 1 + Math.floor(r() * 16);
    for (let i = 0; i < n && bytes.length > 0; i++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
    return bytes;
  },
  deleteQuotes: (t, r) => t.replace(/["'`]/g, (q) => (r() < 0.3 ? '' : q)),
  unbalancedDollar: (t, r) => {
    const at = Math.floor(r() * t.length);
    return `${t.slice(0, at)}$${pick(r, ['', 'body', 'x'])}$${t.slice(at)}`;
  },
  deepNesting: (t, r) => {
    const depth = 500 + Math.floor(r() * 3000);
    const open = pick(r, ['(', '[', '{', 'f(', 'sa.text(']);
    const at = Math.floor(r() * t.length);
    return `${t.slice(0, at)}${open.repeat(depth)}${t.slice(at)}`;
  },
  bomAndEncodings: (t, r) => {
    const body = enc.encode(t);
    const latin1 = Uint8Array.from(t.slice(0, 200), (c) => c.charCodeAt(0) & 0xff);
    const prefix = pick(r, [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], []]);
    return new Uint8Array([...prefix, ...latin1, ...body]);
  },
  swapLines: (t, r) => {
    const lines = t.split('\n');
    for (let i = 0; i < 5; i++) {
      const a = Math.floor(r() * lines.length);
      const b = Math.floor(r() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
    }
    return lines.join('\n');
  },
  splice: (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + pick(r, ['"""', "'''", '$$', '/*', '--', '#', '\\', '\u0000', '\r', 'DROP TABLE', 'op.drop_table(', ';;;', 'END $$;']) + t.slice(at);
  },
  repeat: (t, r) => t.repeat(2 + Math.floor(r() * 20)),
};

/** Input `index` of the run with `seed`. Every 2,000th input is a 50,000-line file. */
export function makeInput(corpus: { path: string; text: string }[], seed: number, index: number): FuzzInput {
  const r = rng(seed ^ Math.imul(index + 1, 0x9e3779b1));
  const base = corpus[Math.floor(r() * corpus.length)];
  if (index % 2000 === 1999) {
    const line = base.text.split('\n').find((l) => l.trim()) ?? 'x';
    const text = `${base.text}\n${`${line}\n`.repeat(50_000)}`;
    return { index, path: base.path, bytes: enc.encode(text), mutation: 'fiftyThousandLines' };
  }
  const name = pick(r, Object.keys(MUTATIONS));
  let value: Uint8Array | string = base.text;
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) value = MUTATIONS[name](typeof value === 'string' ? value : new TextDecoder().decode(value), r);
  return { index, path: base.path, bytes: typeof value === 'string' ? enc.encode(value) : value, mutation: name };
}
