import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'wiretrace.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('parse --json prints one object per file with articles and offsets', () => {
  const r = run('parse', 'examples', '--json');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  const [first] = lines;
  assert.equal(first.file, join('examples', '000_d703155479a64c34.txt'));
  assert.equal(first.articles.length, 5);
  const a = first.articles[0];
  assert.equal(a.headline.text, '习近平同俄罗斯总统普京举行视频会晤');
  assert.deepEqual(Object.keys(a.paragraphs[0]).sort(), ['end', 'start', 'text']);
  assert.equal(a.credit.text, '新华社');
});

test('a bad file gets one error line naming it; the other files are still parsed; exit is non-zero', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-'));
  copyFileSync(join(root, 'examples', '001_80c74c2bb589cf4b.txt'), join(dir, 'b-good.txt'));
  writeFileSync(join(dir, 'a-empty.txt'), '');
  writeFileSync(join(dir, 'c-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  writeFileSync(join(dir, 'ignored.png'), Buffer.from([0, 1, 2]));
  const r = run('parse', dir, '--json');
  assert.equal(r.code, 1);
  assert.deepEqual(r.err.trim().split('\n'), [
    `wiretrace parse: ${join(dir, 'a-empty.txt')}: empty file`,
    `wiretrace parse: ${join(dir, 'c-binary.txt')}: binary file (NUL bytes and no UTF-16 byte-order mark)`,
  ]);
  const out = r.out.trim().split('\n');
  assert.equal(out.length, 1);
  assert.equal(JSON.parse(out[0]!).articles.length, 2);
});

test('a missing path and an unknown command are one-line errors', () => {
  const missing = run('parse', 'no/such/file.txt');
  assert.equal(missing.code, 1);
  assert.equal(missing.err.trim(), 'wiretrace parse: no/such/file.txt: no such file or folder');
  const unknown = run('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command 'frobnicate'/);
});

test('the readable summary names each article', () => {
  const r = run('parse', join('examples', '001_80c74c2bb589cf4b.txt'));
  assert.equal(r.code, 0);
  assert.match(r.out, /2 articles/);
  assert.match(r.out, /\[news\] 省十四届人大三次会议举行第二次全体会议/);
});
