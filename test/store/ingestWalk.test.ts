/** `wiretrace ingest` walking folders: README files are skipped there, read when named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/engine.js';
import { ingestPaths, isReadme } from '../../src/cli/ingest.js';
import { tempDir } from './helpers.js';

test('isReadme: README, README.md, README.txt in any case, nothing else', () => {
  for (const f of ['README', 'readme.md', 'x/ReadMe.TXT', 'a/b/README.md']) assert.ok(isReadme(f), f);
  for (const f of ['README.jsonl', 'README.json', 'readme2.md', 'my-readme.txt', 'notes.md']) assert.ok(!isReadme(f), f);
});

test('ingest skips README files in folders and reads one named explicitly', async () => {
  const dir = tempDir('wiretrace-walk-');
  mkdirSync(join(dir, 'pages', 'sub'), { recursive: true });
  const page = '新华社北京10月1日电　这是一篇测试文章的正文，内容足够长。\n\n第二段也在这里。\n';
  writeFileSync(join(dir, 'pages', 'p1.txt'), page);
  writeFileSync(join(dir, 'pages', 'README.md'), '# 数据说明\n\n这些文件来自测试。\n');
  writeFileSync(join(dir, 'pages', 'sub', 'readme.txt'), '说明文字，不是报纸版面。\n');
  writeFileSync(join(dir, 'pages', 'sub', 'README'), '说明\n');
  const engine = await openStore(join(dir, 'w.db'));
  try {
    const walked = await ingestPaths(engine, [join(dir, 'pages')], { series: 's', date: '2019-10-01' });
    assert.equal(walked.files, 1, 'only p1.txt');
    assert.equal(walked.failed, 0);
    const named = await ingestPaths(engine, [join(dir, 'pages', 'README.md')], { series: 's', date: '2019-10-01' });
    assert.equal(named.files, 1, 'a README named on its own is read');
    assert.equal(named.sources, 1);
    const paths = (await engine.db.selectFrom('sources').select('path').execute()).map((r) => r.path).sort();
    assert.deepEqual(paths, [join(dir, 'pages', 'README.md'), join(dir, 'pages', 'p1.txt')]);
  } finally {
    await engine.close();
  }
});
