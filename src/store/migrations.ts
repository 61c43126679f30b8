/**
 * Versioned migrations, frozen in time: never edit one that has shipped; add
 * the next. Both engines run the same steps; the search index is created
 * through the engine's `search.createV1` capability.
 */
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from './engine.js';

function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_corpus': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('series', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('page', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('articles', 'integer', (c) => c.notNull())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('articles')
          .addColumn('num', 'integer', (c) => c.primaryKey())
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('ref', 'text', (c) => c.notNull().unique())
          .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
          .addColumn('idx', 'integer', (c) => c.notNull())
          .addColumn('series', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('page', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('credit', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('parts', 'text', (c) => c.notNull())
          .addColumn('chars', 'integer', (c) => c.notNull())
          .addColumn('state', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_state').on('articles').columns(['state', 'num']).execute();
        await db.schema.createIndex('articles_series_date').on('articles').columns(['series', 'date']).execute();
        await db.schema.createIndex('articles_source').on('articles').column('source_id').execute();
        await db.schema
          .createTable('fingerprints')
          .addColumn('hash', 'integer', (c) => c.notNull())
          .addColumn('num', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('fingerprints_pk', ['hash', 'num'])
          .execute();
        await db.schema
          .createTable('fingerprint_df')
          .addColumn('hash', 'integer', (c) => c.primaryKey())
          .addColumn('df', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('passages')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('a', 'integer', (c) => c.notNull())
          .addColumn('a_start', 'integer', (c) => c.notNull())
          .addColumn('a_end', 'integer', (c) => c.notNull())
          .addColumn('b', 'integer', (c) => c.notNull())
          .addColumn('b_start', 'integer', (c) => c.notNull())
          .addColumn('b_end', 'integer', (c) => c.notNull())
          .addColumn('chars', 'integer', (c) => c.notNull())
          .addColumn('identity', 'double precision', (c) => c.notNull())
          .addColumn('storied', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('passages_a').on('passages').column('a').execute();
        await db.schema.createIndex('passages_b').on('passages').column('b').execute();
        await db.schema.createIndex('passages_storied').on('passages').column('storied').execute();
        await db.schema
          .createTable('stories')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('origin', 'integer', (c) => c.notNull())
          .addColumn('members', 'integer', (c) => c.notNull())
          .addColumn('outlets', 'integer', (c) => c.notNull())
          .addColumn('first_date', 'text')
          .addColumn('last_date', 'text')
          .addColumn('spread_days', 'integer')
          .execute();
        await db.schema
          .createTable('story_members')
          .addColumn('story', 'text', (c) => c.notNull())
          .addColumn('num', 'integer', (c) => c.notNull())
          .addColumn('start', 'integer', (c) => c.notNull())
          .addColumn('end', 'integer', (c) => c.notNull())
          .addColumn('coverage', 'double precision', (c) => c.notNull())
          .addColumn('days_after', 'integer')
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('story_members_pk', ['story', 'seq'])
          .execute();
        await db.schema.createIndex('story_members_num').on('story_members').column('num').execute();
        await db.schema
          .createTable('edits')
          .addColumn('story', 'text', (c) => c.notNull())
          .addColumn('num', 'integer', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('op', 'text', (c) => c.notNull())
          .addColumn('origin_start', 'integer')
          .addColumn('origin_end', 'integer')
          .addColumn('origin_text', 'text')
          .addColumn('copy_start', 'integer')
          .addColumn('copy_end', 'integer')
          .addColumn('copy_text', 'text')
          .addColumn('name', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('edits_pk', ['story', 'num', 'seq'])
          .execute();
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await engine.search.createV1(db);
      },
    },
    '0002_search_tuning': {
      async up(db: Kysely<any>) {
        await engine.search.tuneV2(db);
      },
    },
    '0003_fingerprint_runs': {
      // Fingerprints move from (hash, num) rows into append-only runs (`FingerprintRunTable`). Detection
      // starts over once: the passages, stories and edits it stored are deleted and every article is new
      // again (passage and story ids are content hashes, so the next detect stores the same ones).
      // Every step may run again (SQLite runs migrations outside a transaction: a killed one is redone).
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('fingerprint_runs')
          .ifNotExists()
          .addColumn('run', engine.serialType, (c) => c.primaryKey())
          .addColumn('first_num', 'integer', (c) => c.notNull())
          .addColumn('last_num', 'integer', (c) => c.notNull())
          .addColumn('articles', 'integer', (c) => c.notNull())
          .addColumn('postings', 'integer', (c) => c.notNull())
          .addColumn('nums', engine.binaryType, (c) => c.notNull())
          .addColumn('counts', engine.binaryType, (c) => c.notNull())
          .addColumn('hashes', engine.binaryType, (c) => c.notNull())
          .execute();
        // Covers detect's read of every article's outlet, date and state (no text pages read).
        await db.schema.createIndex('articles_meta').ifNotExists().on('articles').columns(['series', 'date', 'state']).execute();
        await db.schema.dropTable('fingerprints').ifExists().execute();
        await db.schema.dropTable('fingerprint_df').ifExists().execute();
        await db.deleteFrom('edits').execute();
        await db.deleteFrom('story_members').execute();
        await db.deleteFrom('stories').execute();
        await db.deleteFrom('passages').execute();
        await db.updateTable('articles').set({ state: 0 }).execute();
      },
    },
    '0004_search_facets': {
      // Re-creates the index from scratch, so a killed run is redone whole.
      async up(db: Kysely<any>) {
        await engine.search.rebuildV4(db);
      },
    },
    '0005_search_segments': {
      // PostgreSQL leaves its GIN index for posting segments; SQLite keeps FTS5.
      async up(db: Kysely<any>) {
        await engine.search.rebuildV5(db);
      },
    },
  };
}

/** Brings the database to the latest migration (or to `target`, for tests of a migration); a failure is thrown with the migration's name. */
export async function migrate(engine: Engine, target?: string): Promise<void> {
  const list = migrations(engine);
  const provider: MigrationProvider = { getMigrations: async () => list };
  const migrator = new Migrator({ db: engine.db, provider, ...(engine.schema ? { migrationTableSchema: engine.schema } : {}) });
  const { error, results } = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? String(error)}`);
  }
}
