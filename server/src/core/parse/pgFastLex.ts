// The tokenizer of the fast PostgreSQL path (pgFast.ts), and the cursor its parser walks the tokens with.
// The tokenizer follows PostgreSQL's scanner (scan.l) for the subset it accepts and gives up (returns
// undefined) on everything whose tokens or offsets it is not sure of: non-ASCII text (libpg-query reports
// UTF-8 byte offsets), parameters, E''/B''/X''/N'' and U& literals, string continuation, over-long
// identifiers (PostgreSQL truncates them) and operators other than the handful the grammar uses.

/** PostgreSQL's keyword categories (kwlist.h); they decide where a keyword may also be a name. */
export const Kw = { None: 0, Unreserved: 1, ColName: 2, TypeFuncName: 3, Reserved: 4 } as const;
export type Kw = (typeof Kw)[keyof typeof Kw];

/** `dollar` is a $tag$...$tag$ string, kept apart from 'string' so that only the grammar rules written for it take it. */
export type TokenKind = 'word' | 'quoted' | 'string' | 'dollar' | 'int' | 'float' | 'op';

export interface Token {
  kind: TokenKind;
  /** Words: lower-cased; quoted identifiers and strings: unescaped (dollar strings: the body); numbers as written; operators normalised. */
  text: string;
  /** Offset of the first character (a byte offset too: the text is ASCII). */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Keyword category of an unquoted word, Kw.None for everything else. */
  kw: Kw;
}

// PostgreSQL 18's keyword list (libpg-query 18), by category.
const UNRESERVED = `abort absent absolute access action add admin after aggregate also alter always asensitive assertion
  assignment at atomic attach attribute backward before begin breadth by cache call called cascade cascaded
  catalog chain characteristics checkpoint class close cluster columns comment comments commit committed
  compression conditional configuration conflict connection constraints content continue conversion copy cost
  csv cube current cursor cycle data database day deallocate declare defaults deferred definer delete delimiter
  delimiters depends depth detach dictionary disable discard document domain double drop each empty enable
  encoding encrypted enforced enum error escape event exclude excluding exclusive execute explain expression
  extension external family filter finalize first following force format forward function functions generated
  global granted groups handler header hold hour identity if immediate immutable implicit import include
  including increment indent index indexes inherit inherits inline input insensitive insert instead invoker
  isolation keep key keys label language large last leakproof level listen load local location lock locked
  logged mapping match matched materialized maxvalue merge method minute minvalue mode month move name names
  nested new next nfc nfd nfkc nfkd no normalized nothing notify nowait nulls object objects of off oids old
  omit operator option options ordinality others over overriding owned owner parallel parameter parser partial
  partition passing password path period plan plans policy preceding prepare prepared preserve prior privileges
  procedural procedure procedures program publication quote quotes range read reassign recursive ref
  referencing refresh reindex relative release rename repeatable replace replica reset restart restrict return
  returns revoke role rollback rollup routine routines rows rule savepoint scalar schema schemas scroll search
  second security sequence sequences serializable server session set sets share show simple skip snapshot
  source sql stable standalone start statement statistics stdin stdout storage stored strict string strip
  subscription support sysid system tables tablespace target temp template temporary text ties transaction
  transform trigger truncate trusted type types uescape unbounded uncommitted unconditional unencrypted unknown
  unlisten unlogged until update vacuum valid validate validator value varying version view views virtual
  volatile whitespace within without work wrapper write xml year yes zone`;
const COL_NAME = `between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout
  int integer interval json json_array json_arrayagg json_exists json_object json_objectagg json_query
  json_scalar json_serialize json_table json_value least merge_action national nchar none normalize nullif
  numeric out overlay position precision real row setof smallint substring time timestamp treat trim values
  varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot
  xmlserialize xmltable`;
const TYPE_FUNC_NAME = `authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left
  like natural notnull outer overlaps right similar tablesample verbose`;
const RESERVED = `all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create
  current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc
  distinct do else end except false fetch for foreign from grant group having in initially intersect into
  lateral leading limit localtime localtimestamp not null offset on only or order placing primary references
  returning select session_user some symmetric system_user table then to trailing true union unique user using
  variadic when where window with`;

/** Every PostgreSQL keyword with its category; a word missing here is a plain identifier. */
export const KEYWORDS: ReadonlyMap<string, Kw> = keywordTable();

function keywordTable(): Map<string, Kw> {
  const table = new Map<string, Kw>();
  const categories: ReadonlyArray<readonly [string, Kw]> = [
    [UNRESERVED, Kw.Unreserved], [COL_NAME, Kw.ColName], [TYPE_FUNC_NAME, Kw.TypeFuncName], [RESERVED, Kw.Reserved],
  ];
  for (const [words, kw] of categories) for (const word of words.split(/\s+/)) table.set(word, kw);
  return table;
}

/**
 * parser.c's lookahead: each of these words, when followed by one of its partners, becomes a token of its
 * own (NOT_LA, NULLS_LA, WITH_LA, WITHOUT_LA, FORMAT_LA) that can never be a name.
 */
const LOOKAHEAD = new Map([
  ['not', ['between', 'in', 'like', 'ilike', 'similar']], ['nulls', ['first', 'last']], ['with', ['time', 'ordinality']],
  ['without', ['time']], ['format', ['json']],
]);

interface KeywordEntry {
  word: string;
  kw: Kw;
  /** The lookahead words this keyword merges with when it follows them. */
  after?: ReadonlySet<string>;
}

/**
 * The keywords in an open-addressing table indexed by wordHash(), so that finding one costs no string
 * allocation and no Map lookup: the scanner hashes the word while it reads it.
 */
const SLOTS = 2048;
const KEYWORD_HASHES = new Int32Array(SLOTS);
const KEYWORD_SLOTS: Array<KeywordEntry | undefined> = new Array<KeywordEntry | undefined>(SLOTS).fill(undefined);
for (const [word, kw] of KEYWORDS) {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = wordHash(hash, word.charCodeAt(i));
  let slot = hash & (SLOTS - 1);
  while (KEYWORD_SLOTS[slot]) slot = (slot + 1) & (SLOTS - 1);
  const after = [...LOOKAHEAD].filter(([, partners]) => partners.includes(word)).map(([first]) => first);
  KEYWORD_HASHES[slot] = hash;
  KEYWORD_SLOTS[slot] = after.length ? { word, kw, after: new Set(after) } : { word, kw };
}

function wordHash(hash: number, lowerChar: number): number {
  return (Math.imul(hash, 31) + lowerChar) | 0;
}

/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes) with a notice; the fast path does not. */
const MAX_IDENTIFIER = 63;

const C = {
  Tab: 0x09, Newline: 0x0a, FormFeed: 0x0c, Return: 0x0d, Space: 0x20, DoubleQuote: 0x22, Quote: 0x27,
  Dollar: 0x24, Star: 0x2a, Minus: 0x2d, Dot: 0x2e, Slash: 0x2f, Colon: 0x3a,
} as const;

/** Anything but ASCII shifts libpg-query's byte offsets away from string offsets; NUL ends its C string. */
const NOT_PLAIN_ASCII = /[^\x01-\x7f]/;

/** Splits `sql` into tokens, or returns undefined when it holds anything the fast path does not handle. */
export function tokenize(sql: string): Token[] | undefined {
  if (NOT_PLAIN_ASCII.test(sql)) return undefined;
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    let end: number;
    if (c === C.Space || c === C.Newline || c === C.Tab || c === C.Return || c === C.FormFeed) {
      i++;
      continue;
    } else if (isWordStart(c)) {
      end = scanWord(sql, i, out);
    } else if (c === C.Minus && sql.charCodeAt(i + 1) === C.Minus) {
      if (hidesLookahead(out)) return undefined;
      i = lineCommentEnd(sql, i);
      continue;
    } else if (c === C.Slash && sql.charCodeAt(i + 1) === C.Star) {
      end = blockCommentEnd(sql, i);
      if (end < 0 || hidesLookahead(out)) return undefined;
      i = end;
      continue;
    } else if (c === C.DoubleQuote) {
      end = scanQuoted(sql, i, out);
    } else if (c === C.Quote) {
      end = scanString(sql, i, out);
    } else if (c === C.Dollar) {
      end = scanDollarString(sql, i, out);
    } else if (isDigit(c) || (c === C.Dot && isDigit(sql.charCodeAt(i + 1)))) {
      end = scanNumber(sql, i, out);
    } else {
      end = scanPunctuation(sql, i, out);
    }
    if (end < 0) return undefined;
    i = end;
  }
  return out;
}

/** Marks the word before a lookahead partner as the merged token when it is one of the partner's words. */
function applyLookahead(out: Token[], after: ReadonlySet<string>): void {
  const previous = out[out.length - 1];
  if (previous?.kind === 'word' && after.has(previous.text)) previous.kw = Kw.Reserved;
}

/**
 * libpg-query's lookahead takes a comment for the next token: NOT, then a comment, then IN is a syntax
 * error there, while the fast path would skip the comment. Such input goes to libpg-query.
 */
function hidesLookahead(out: Token[]): boolean {
  const last = out[out.length - 1];
  return last !== undefined && last.kind === 'word' && LOOKAHEAD.has(last.text);
}

function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isWordChar(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 0x24;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function lineCommentEnd(sql: string, i: number): number {
  while (i < sql.length && sql.charCodeAt(i) !== C.Newline && sql.charCodeAt(i) !== C.Return) i++;
  return i;
}

/** Block comments nest in PostgreSQL; -1 when one is left open. */
function blockCommentEnd(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length - 1; i++) {
    const c = sql.charCodeAt(i);
    const next = sql.charCodeAt(i + 1);
    if (c === C.Slash && next === C.Star) {
      depth++;
      i++;
    } else if (c === C.Star && next === C.Slash) {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** A keyword or an unquoted identifier, folded to lower case. */
function scanWord(sql: string, start: number, out: Token[]): number {
  let i = start;
  let hash = 0;
  let upper = false;
  for (; i < sql.length; i++) {
    let c = sql.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      c += 0x20;
      upper = true;
    } else if (!isWordChar(c)) {
      break;
    }
    hash = wordHash(hash, c);
  }
  // A word glued to a quote is a string prefix (E'', B'', X'', N'') or a typed literal: not handled.
  if (i - start > MAX_IDENTIFIER || sql.charCodeAt(i) === C.Quote) return -1;
  const keyword = findKeyword(sql, start, i, hash);
  if (keyword) {
    if (keyword.after) applyLookahead(out, keyword.after);
    out.push({ kind: 'word', text: keyword.word, start, end: i, kw: keyword.kw });
  } else {
    out.push({ kind: 'word', text: upper ? sql.slice(start, i).toLowerCase() : sql.slice(start, i), start, end: i, kw: Kw.None });
  }
  return i;
}

function findKeyword(sql: string, start: number, end: number, hash: number): KeywordEntry | undefined {
  for (let slot = hash & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
    const entry = KEYWORD_SLOTS[slot];
    if (!entry) return undefined;
    if (KEYWORD_HASHES[slot] === hash && entry.word.length === end - start && sameLowerCase(sql, start, entry.word)) return entry;
  }
}

/** Whether sql[start..] spells `word` (lower case) in any case. */
function sameLowerCase(sql: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = sql.charCodeAt(start + k);
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** "..." with "" standing for one double quote; never a keyword, never folded. */
function scanQuoted(sql: string, start: number, out: Token[]): number {
  const close = closingQuote(sql, start, '"');
  if (close < 0) return -1;
  const text = sql.slice(start + 1, close).replaceAll('""', '"');
  if (text.length === 0 || text.length > MAX_IDENTIFIER) return -1;
  out.push({ kind: 'quoted', text, start, end: close + 1, kw: Kw.None });
  return close + 1;
}

/** '...' with '' standing for one quote (standard_conforming_strings: a backslash is an ordinary character). */
function scanString(sql: string, start: number, out: Token[]): number {
  const close = closingQuote(sql, start, "'");
  // Two strings in a row are either a syntax error or PostgreSQL's concatenation across a newline.
  if (close < 0 || out[out.length - 1]?.kind === 'string') return -1;
  const raw = sql.slice(start + 1, close);
  out.push({ kind: 'string', text: raw.includes("''") ? raw.replaceAll("''", "'") : raw, start, end: close + 1, kw: Kw.None });
  return close + 1;
}

// scan.l's dolqdelim: `$$` or `$tag$`, where the tag is an identifier without `$`. (`$1` is a parameter.)
const DOLLAR_DELIMITER = /\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$/y;

/**
 * A dollar-quoted string: everything up to the first copy of its opening delimiter, taken as is. A `$`
 * glued to a word is part of the word (scanWord), so this only sees a `$` that starts a token.
 */
function scanDollarString(sql: string, start: number, out: Token[]): number {
  DOLLAR_DELIMITER.lastIndex = start;
  const open = DOLLAR_DELIMITER.exec(sql);
  if (!open) return -1;
  const bodyStart = start + open[0].length;
  const close = sql.indexOf(open[0], bodyStart);
  if (close < 0) return -1;
  const end = close + open[0].length;
  out.push({ kind: 'dollar', text: sql.slice(bodyStart, close), start, end, kw: Kw.None });
  return end;
}

function closingQuote(sql: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const close = sql.indexOf(quote, i);
    if (close < 0) return -1;
    if (sql[close + 1] !== quote) return close;
    i = close + 2;
  }
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

/**
 * Decimal integers and decimals as scan.l reads them. Integers that do not fit in 32 bits become floats, as
 * in PostgreSQL. Anything glued to a number (hex/octal/binary prefixes, `_` separators, trailing junk, `..`)
 * is refused.
 */
function scanNumber(sql: string, start: number, out: Token[]): number {
  NUMBER.lastIndex = start;
  const m = NUMBER.exec(sql);
  if (!m) return -1;
  const end = start + m[0].length;
  const after = sql.charCodeAt(end);
  if (isWordChar(after) || after === C.Dot) return -1;
  const text = m[0];
  const integer = /^\d+$/.test(text) && Number(text) <= 0x7fffffff;
  out.push({ kind: integer ? 'int' : 'float', text, start, end, kw: Kw.None });
  return end;
}

const OP_CHARS = '~!@#^&|`?+-*/%<>=';
/** Operators after scan.l's trimming; `!=` is PostgreSQL's spelling of `<>`. */
const OPERATORS = new Map([
  ['+', '+'], ['-', '-'], ['*', '*'], ['/', '/'], ['%', '%'], ['<', '<'], ['>', '>'], ['=', '='],
  ['<=', '<='], ['>=', '>='], ['<>', '<>'], ['!=', '<>'], ['||', '||'],
]);
const PUNCTUATION = '(),;[].';

/** Punctuation, `::`, and operators trimmed the way scan.l trims them. */
function scanPunctuation(sql: string, start: number, out: Token[]): number {
  const ch = sql[start];
  if (ch === ':') {
    if (sql.charCodeAt(start + 1) !== C.Colon) return -1;
    out.push({ kind: 'op', text: '::', start, end: start + 2, kw: Kw.None });
    return start + 2;
  }
  if (PUNCTUATION.includes(ch)) {
    if (ch === '.' && sql[start + 1] === '.') return -1;
    out.push({ kind: 'op', text: ch, start, end: start + 1, kw: Kw.None });
    return start + 1;
  }
  const len = operatorLength(sql, start);
  const op = len > 0 ? OPERATORS.get(sql.slice(start, start + len)) : undefined;
  if (!op) return -1;
  out.push({ kind: 'op', text: op, start, end: start + len, kw: Kw.None });
  return start + len;
}

/**
 * scan.l's operator rule: the longest run of operator characters, cut before any `--` or `/*`, and then
 * shorn of trailing `+`/`-` unless it contains one of ~!@#^&|`?% (so `=-1` is `=` then `-1`).
 */
function operatorLength(sql: string, start: number): number {
  let end = start;
  while (end < sql.length && OP_CHARS.includes(sql[end])) {
    if (end > start && ((sql[end] === '-' && sql[end - 1] === '-') || (sql[end] === '*' && sql[end - 1] === '/'))) {
      end--;
      break;
    }
    end++;
  }
  let len = end - start;
  const last = sql[start + len - 1];
  if (len > 1 && (last === '+' || last === '-')) {
    const body = sql.slice(start, start + len - 1);
    if (!/[~!@#^&|`?%]/.test(body)) {
      do len--;
      while (len > 1 && (sql[start + len - 1] === '+' || sql[start + len - 1] === '-'));
    }
  }
  return len;
}

// ---------------------------------------------------------------- cursor

/** Thrown when the input leaves the subset the fast path is certain about; fastParse catches it. */
const UNSURE = Symbol('pgFast: not sure');

export function unsure(): never {
  throw UNSURE;
}

/** Walks tokens[0, end): the statement's tokens without its closing semicolon. */
export class Cursor {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly end: number,
  ) {}

  peek(ahead = 0): Token | undefined {
    const at = this.i + ahead;
    return at < this.end ? this.tokens[at] : undefined;
  }

  atEnd(): boolean {
    return this.i >= this.end;
  }

  next(): Token {
    const t = this.peek();
    if (!t) unsure();
    this.i++;
    return t;
  }

  /** The next token's text, which must be an unquoted word: a quoted "select" is a name, never a keyword. */
  keyword(): string {
    const t = this.next();
    if (t.kind !== 'word') unsure();
    return t.text;
  }

  /** True when the token `ahead` is the unquoted (key)word `word`. */
  is(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'word' && t.text === word;
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'op' && t.text === op;
  }

  eat(word: string): boolean {
    if (!this.is(word)) return false;
    this.i++;
    return true;
  }

  eatOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  expect(word: string): Token {
    if (!this.is(word)) unsure();
    return this.next();
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) unsure();
    return this.next();
  }

  /** `IF EXISTS`; a lone `if` would be a name, which the fast path leaves to libpg-query. */
  ifExists(): boolean {
    if (!this.is('if')) return false;
    this.next();
    this.expect('exists');
    return true;
  }

  /** `IF NOT EXISTS`, with the same caution as ifExists. */
  ifNotExists(): boolean {
    if (!this.is('if')) return false;
    this.next();
    this.expect('not');
    this.expect('exists');
    return true;
  }
}
