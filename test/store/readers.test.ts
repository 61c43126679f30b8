/** The readers on small made-up files (never corpus text). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSources, htmlParagraphs, readerFor } from '../../src/ingest/readers.js';
import { UserError } from '../../src/cli/errors.js';
import { pageDocs } from '../../src/reuse/pageDocs.js';
import { tempDir } from './helpers.js';

const dir = tempDir('wiretrace-readers-');

test('People\'s Daily article files: kicker, headline, deck, body; date and page from the name', () => {
  mkdirSync(join(dir, '20191002'));
  const file = join(dir, '20191002', '20191002-04-03.txt');
  writeFileSync(file, '引题\r\n标题在此\r\n\r\n\u3000\u3000新华社北京10月1日电　第一段正文。\r\n\u3000\u3000第二段正文。\r\n');
  assert.equal(readerFor(file), 'rmrb');
  const [s] = readSources(file);
  assert.ok(s);
  assert.deepEqual([s.format, s.series, s.date, s.page], ['rmrb', 'rmrb', '2019-10-02', '04']);
  const a = s.articles[0]!;
  assert.equal(a.title, '标题在此');
  assert.equal(a.credit, '新华社');
  assert.deepEqual(a.article.decks.map((d) => d.text), ['引题']);
  assert.deepEqual(a.article.paragraphs.map((p) => s.text.slice(p.start, p.end)), ['新华社北京10月1日电　第一段正文。', '第二段正文。']);
  const [doc] = pageDocs(s.path, { text: s.text, articles: [a.article], noise: [], messages: [] }, s.series, s.date);
  assert.equal(doc?.text, '新华社北京10月1日电 第一段正文。\n第二段正文。'); // reflow: a U+3000 run inside a line is one space
  assert.deepEqual(readSources(file, { series: 'pd', page: '9' }).map((x) => [x.series, x.page]), [['pd', '9']]);
});

test('CCTV transcripts: one article per item, HTML stripped, the opening is the dateline', () => {
  const file = join(dir, '20191001.json');
  const item = (num: number, title: string, content: string) => ({ num, video_title: `[视频]${title}`, video_detail: { title, content } });
  writeFileSync(
    file,
    JSON.stringify({ videoList: [item(1, '甲事', '<p>央视网消息（新闻联播）：第一句&nbsp;话。</p><p>第二<b>句</b>。</p>'), item(2, '空', ''), item(3, '乙事', '<p>只有一句。</p>')] }),
  );
  const [s] = readSources(file);
  assert.ok(s);
  assert.deepEqual([s.format, s.series, s.date], ['cctv', 'xwlb', '2019-10-01']);
  assert.deepEqual(s.articles.map((a) => [a.ref, a.title]), [[`${file}#1`, '甲事'], [`${file}#3`, '乙事']]);
  const a = s.articles[0]!.article;
  assert.equal(a.dateline && s.text.slice(a.dateline.start, a.dateline.end), '央视网消息（新闻联播）：');
  assert.deepEqual(a.paragraphs.map((p) => s.text.slice(p.start, p.end)), ['第一句 话。', '第二句。']);
  assert.deepEqual(htmlParagraphs('<p>a&amp;b</p><br/>c&#x4e2d;'), ['a&b', 'c中']);
  writeFileSync(join(dir, 'bad.json'), '{"x":1}');
  assert.throws(() => readSources(join(dir, 'bad.json')), (e: unknown) => e instanceof UserError && e.message === `${join(dir, 'bad.json')}: no "videoList" array — not a CCTV transcript (use --reader to choose another reader)`);
});

test('page files: outlet, date and page from the name or a sidecar', () => {
  const file = join(dir, 'hnrb_2025-01-22_03.txt');
  writeFileSync(file, '新华社北京1月21日电　正文一段。\n');
  const [s] = readSources(file);
  assert.deepEqual([s?.format, s?.series, s?.date, s?.page], ['page', 'hnrb', '2025-01-22', '03']);
  const other = join(dir, 'front.txt');
  writeFileSync(other, '正文。\n');
  writeFileSync(`${other}.json`, '{"series":"gzrb","date":"2025-01-23","page":"A1"}');
  const [t] = readSources(other);
  assert.deepEqual([t?.series, t?.date, t?.page], ['gzrb', '2025-01-23', 'A1']);
});
