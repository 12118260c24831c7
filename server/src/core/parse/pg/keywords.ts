// PostgreSQL's keywords for the fast PostgreSQL path's tokenizer (pg/lex.ts): their categories, the
// lookahead pairs parser.c merges into one token, and the hash table the scanner finds them in without
// allocating a string.

/** PostgreSQL's keyword categories (kwlist.h); they decide where a keyword may also be a name. */
export const Kw = { None: 0, Unreserved: 1, ColName: 2, TypeFuncName: 3, Reserved: 4 } as const;
export type Kw = (typeof Kw)[keyof typeof Kw];

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
export const LOOKAHEAD = new Map([
  ['not', ['between', 'in', 'like', 'ilike', 'similar']], ['nulls', ['first', 'last']], ['with', ['time', 'ordinality']],
  ['without', ['time']], ['format', ['json']],
]);

export interface KeywordEntry {
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

export function wordHash(hash: number, lowerChar: number): number {
  return (Math.imul(hash, 31) + lowerChar) | 0;
}

export function findKeyword(sql: string, start: number, end: number, hash: number): KeywordEntry | undefined {
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
