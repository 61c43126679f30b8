import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePage } from '../../src/page/index.js';
import { decode } from '../../src/text/decode.js';

// dist/test/page → repo root
const root = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'seeds');

interface GoldArticle {
  kind: string;
  headline: string;
  decks: string[];
  dateline: string | null;
  byline: string | null;
  credit: string | null;
  paragraphs: number;
  bodyStart: string;
  bodyEnd: string;
}

const squash = (s: string | null | undefined) => (s == null ? null : s.replace(/\s+/g, ''));

for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.gold.json'))) {
  const gold = JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { file: string; articles: GoldArticle[] };
  test(`seed ${gold.file} parses exactly as its gold file says`, () => {
    const page = parsePage(decode(readFileSync(join(root, 'examples', gold.file))).text);
    assert.equal(page.articles.length, gold.articles.length, 'article count');
    gold.articles.forEach((g, i) => {
      const a = page.articles[i]!;
      const where = `article ${i} (${g.headline})`;
      assert.equal(a.kind, g.kind, `${where}: kind`);
      assert.equal(squash(a.headline?.text), squash(g.headline), `${where}: headline`);
      assert.deepEqual(new Set(a.decks.map((d) => squash(d.text))), new Set(g.decks.map(squash)), `${where}: decks`);
      assert.equal(squash(a.dateline?.text), squash(g.dateline), `${where}: dateline`);
      assert.equal(squash(a.byline?.text), squash(g.byline), `${where}: byline`);
      assert.equal(squash(a.credit?.text), squash(g.credit), `${where}: credit`);
      assert.equal(a.paragraphs.length, g.paragraphs, `${where}: paragraph count`);
      assert.ok(squash(a.paragraphs[0]!.text)!.startsWith(squash(g.bodyStart)!), `${where}: first body text`);
      assert.ok(squash(a.paragraphs.at(-1)!.text)!.endsWith(squash(g.bodyEnd)!), `${where}: last body text`);
    });
  });
}
