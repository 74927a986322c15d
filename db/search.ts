// Character-level full-text search (see migration 007): each CJK character is a token,
// other text splits into words, and a query is matched as a phrase. The same tokens feed
// FTS5 on SQLite and a 'simple' tsvector on PostgreSQL.
import type { Knex } from 'knex';
import { insertRows } from './bulk-insert';

/** CJK characters (U+3400–9FFF, U+F900–FAFF) are tokens each. */

/** 宝鸡 Class 2 → "宝 鸡 class 2" */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push(word.toLowerCase());
    word = '';
  };
  for (const ch of text.normalize('NFKC')) {
    // Most characters of a Chinese ledger are CJK: compared by code before any expression.
    const c = ch.charCodeAt(0);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      flush();
      tokens.push(ch);
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

function isPg(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** Indexes (or re-indexes) a record's searchable text. */
export async function indexForSearch(trx: Knex, entity: string, recordId: string, text: string): Promise<void> {
  const body = searchTokens(text).join(' ');
  if (isPg(trx)) {
    await trx.raw(
      `INSERT INTO search_entries (entity, record_id, body) VALUES (?, ?, to_tsvector('simple', ?))
       ON CONFLICT (entity, record_id) DO UPDATE SET body = EXCLUDED.body`,
      [entity, recordId, body],
    );
    return;
  }
  const existing = await trx('search_entries').where({ entity, record_id: recordId }).first('id');
  let key = existing?.id as number | undefined;
  if (key === undefined) {
    const [inserted] = await trx('search_entries').insert({ entity, record_id: recordId });
    key = inserted as number;
  } else {
    await trx.raw('DELETE FROM search_fts WHERE rowid = ?', [key]);
  }
  await trx.raw('INSERT INTO search_fts (rowid, body) VALUES (?, ?)', [key, body]);
}

/**
 * Indexes many records just created (none has an entry yet) in multi-row statements: on
 * SQLite the entries take explicit keys after the highest one in use, so the FTS rows can
 * be written with them without reading each key back.
 */
export async function indexNewForSearch(
  trx: Knex,
  entity: string,
  items: { recordId: string; text: string }[],
  /** SQLite: the first key to use (from `nextSearchKey`), when the caller has stored the keys already. */
  firstKey?: number,
): Promise<void> {
  if (items.length === 0) return;
  const chunk = 500;
  if (isPg(trx)) {
    for (let i = 0; i < items.length; i += chunk) {
      const part = items.slice(i, i + chunk);
      await trx.raw(
        `INSERT INTO search_entries (entity, record_id, body) VALUES ${part.map(() => "(?, ?, to_tsvector('simple', ?))").join(',')}
         ON CONFLICT (entity, record_id) DO UPDATE SET body = EXCLUDED.body`,
        part.flatMap((x) => [entity, x.recordId, searchTokens(x.text).join(' ')]),
      );
    }
    return;
  }
  const first = firstKey ?? (await nextSearchKey(trx));
  await insertRows(
    trx,
    'search_entries',
    ['id', 'entity', 'record_id'],
    items.map((x, k) => [first + k, entity, x.recordId]),
  );
  await insertRows(
    trx,
    'search_fts',
    ['rowid', 'body'],
    items.map((x, k) => [first + k, searchTokens(x.text).join(' ')]),
  );
}

/**
 * SQLite: the first free search key (search_entries.id) after every one in use, so a bulk
 * write can store a record's key with the record (activities.search_key) before its entry.
 */
export async function nextSearchKey(trx: Knex): Promise<number> {
  const top = (await trx.raw(
    `SELECT MAX(COALESCE((SELECT MAX(id) FROM search_entries), 0),
            COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'search_entries'), 0)) AS m`,
  )) as { m: number | null }[];
  return Number(top[0]?.m ?? 0) + 1;
}

/**
 * A subquery of the ids of `entity` records whose text contains the query as a phrase,
 * for `whereIn('id', …)`. Returns null when the query has no searchable characters.
 */
export function searchMatches(db: Knex, entity: string, query: string): Knex.QueryBuilder | null {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return null;
  const phrase = tokens.join(' ');
  if (isPg(db)) {
    return db('search_entries')
      .select('record_id')
      .where('entity', entity)
      .whereRaw(`body @@ phraseto_tsquery('simple', ?)`, [phrase]);
  }
  return db('search_entries')
    .select('record_id')
    .where('entity', entity)
    .whereRaw('id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)', [ftsPhrase(phrase)]);
}

/**
 * SQLite only: a subquery of the search keys (search_entries.id) whose text contains the
 * query as a phrase, for a table that keeps its entry's key in a column (activities.search_key,
 * migration 009) and so joins the index on an integer. Null when nothing is searchable.
 */
export function searchKeys(db: Knex, query: string): Knex.QueryBuilder | null {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return null;
  return db('search_fts').select('rowid').whereRaw('search_fts MATCH ?', [ftsPhrase(tokens.join(' '))]);
}

/** FTS5 phrase syntax: the tokens in double quotes; quotes inside are doubled. */
function ftsPhrase(phrase: string): string {
  return `"${phrase.replace(/"/g, '""')}"`;
}
