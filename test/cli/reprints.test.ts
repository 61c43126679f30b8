import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from '../../src/text/decode.js';
import { recordCredit } from '../../src/ingest/jsonl.js';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'wiretrace.js');
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-reprints-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'reprints', ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

interface Member {
  id: string;
  start: number;
  end: number;
  coverage: number;
  edits?: Array<{ op: string; origin: { start: number; end: number; text: string } | null; copy: { start: number; end: number; text: string } | null; name?: boolean }>;
}
interface StoryLine {
  story: string;
  origin: string;
  members: Member[];
}
const storiesOf = (out: string) => lines(out).filter((l) => 'story' in l) as unknown as StoryLine[];

const WIRE = join('examples', '000_d703155479a64c34.txt');
const PRINT = join('examples', '001_80c74c2bb589cf4b.txt');

test('seed pages --stories --explain: one story of the two Xinhua copies, origin by the rules, no edits', () => {
  const r = run('examples', '--json', '--explain');
  assert.equal(r.code, 0, r.err);
  const all = lines(r.out);
  assert.equal(all.filter((l) => 'a' in l).length, 1, 'one passage line');
  const stories = storiesOf(r.out);
  assert.equal(stories.length, 1);
  const s = stories[0]!;
  assert.match(s.story, /^s[0-9a-f]{16}$/);
  // Both copies credit 新华社 (■据新华社 on page 000, the dateline on page 001) and both are dated 2025-01-22 (sidecars),
  // so the rules fall through to the most complete copy (both cover their whole body: a tie) and then to the smaller id.
  assert.equal(s.origin, `${WIRE}#0`);
  assert.deepEqual(s.members.map((m) => m.id), [`${WIRE}#0`, `${PRINT}#0`]);
  for (const m of s.members) {
    assert.equal(m.coverage, 1);
    // page offsets: from the first body character to the final 。 of the story
    const page = decode(readFileSync(join(root, m.id.split('#')[0]!))).text;
    const body = page.slice(m.start, m.end).replace(/\s/g, '');
    assert.ok(body.startsWith('1月21日下午，国家主席习近平'), body.slice(0, 20));
    assert.ok(body.endsWith('王毅参加活动。'), body.slice(-20));
  }
  assert.equal(s.members[0]!.edits, undefined, 'the origin has no edits');
  assert.deepEqual(s.members[1]!.edits, []);
  // --stories alone gives the same story without edits
  const plain = storiesOf(run('examples', '--json', '--stories').out);
  assert.deepEqual(plain[0]!.members.map((m) => m.edits), [undefined, undefined]);
  assert.equal(plain[0]!.story, s.story);
  // without --stories, passages only
  assert.equal(storiesOf(run('examples', '--json').out).length, 0);
});

const WIRE_TEXT =
  '新华社北京10月9日电 国务委员兼外交部长王毅9日在北京同来访的新西兰外交部长举行会谈。\n' +
  '王毅表示，中新建交以来，两国关系保持健康稳定发展，双方在经贸、教育、人文等领域的务实合作不断深化，给两国人民带来了实实在在的利益。' +
  '中方愿同新方一道，秉持相互尊重、互利共赢的原则，推动两国全面战略伙伴关系不断向前发展。\n' +
  '新方表示，新方高度重视对华关系，愿同中方加强高层交往，深化各领域合作，共同维护多边主义和自由贸易。';

test('JSONL: a copy that swaps a person name is flagged; offsets are record offsets; the wire dateline makes the origin', () => {
  const copyText = '　　' + WIRE_TEXT.slice(WIRE_TEXT.indexOf('国务委员')).replace('外交部长王毅', '外交部长李强');
  const file = join(dir, 'names.jsonl');
  writeFileSync(
    file,
    [
      // the copy is dated earlier, but only the wire record credits a wire service
      { id: 'copy', series: 'paper', date: '2019-10-09', text: copyText },
      { id: 'wire', series: 'xinhua', date: '2019-10-10', text: WIRE_TEXT },
      { id: 'other', series: 'paper', date: '2019-10-10', text: '本报讯 今年以来，全市上下认真贯彻落实各项决策部署，经济运行总体平稳、稳中有进。' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const r = run(file, '--json', '--explain');
  assert.equal(r.code, 0, r.err);
  const stories = storiesOf(r.out);
  assert.equal(stories.length, 1);
  const s = stories[0]!;
  assert.equal(s.origin, 'wire');
  const copy = s.members.find((m) => m.id === 'copy')!;
  assert.equal(copy.edits!.length, 1, JSON.stringify(copy.edits));
  const e = copy.edits![0]!;
  assert.equal(e.op, 'changed');
  assert.equal(e.name, true);
  assert.equal(e.origin!.text, '王毅');
  assert.equal(e.copy!.text, '李强');
  assert.equal(WIRE_TEXT.slice(e.origin!.start, e.origin!.end), '王毅');
  assert.equal(copyText.slice(e.copy!.start, e.copy!.end), '李强');
  // the copy starts after its indent, the origin after its dateline
  assert.equal(copy.start, 2);
  assert.equal(s.members[0]!.start, WIRE_TEXT.indexOf('国务委员'));

  // the readable report shows the story, the edit and the marked difference
  const text = run(file, '--explain');
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^1 story from 1 passage shared by 1 article pair, from 3 articles/);
  assert.match(text.out, /origin +wire \(xinhua, 2019-10-10\) text \d+–\d+, coverage \d+%, credit 新华社/);
  assert.match(text.out, /~ changed 「王毅」 \(\d+–\d+\) → 「李强」 \(\d+–\d+\) {2}← person name/);
  assert.match(text.out, /A │ .*⟦王毅⟧/);
  assert.match(text.out, /B │ .*⟦李强⟧/);
});

test('recordCredit reads a wire dateline or a closing credit, not 本报', () => {
  assert.equal(recordCredit('新华社北京10月9日电 国务院新闻办公室9日发布白皮书。'), '新华社');
  assert.equal(recordCredit('国务院新闻办公室9日发布白皮书。\n■据新华社'), '新华社');
  assert.equal(recordCredit('国务院新闻办公室9日发布白皮书。\n（新华社北京9月30日电）'), '新华社');
  assert.equal(recordCredit('本报讯 今年以来，全市经济运行总体平稳。'), null);
  assert.equal(recordCredit('今年以来，全市经济运行总体平稳。'), null);
});

test('the README example: a copy that changes a name and cuts a clause', () => {
  const r = run(join('test', 'fixtures', 'reprints', 'articles.jsonl'), '--json', '--explain');
  assert.equal(r.code, 0, r.err);
  const [s, ...rest] = storiesOf(r.out);
  assert.equal(rest.length, 0);
  assert.equal(s!.origin, 'xinhua-1009-3');
  assert.deepEqual(
    s!.members[1]!.edits!.map((e) => [e.op, e.origin?.text ?? null, e.copy?.text ?? null, e.name ?? false]),
    [
      ['changed', '王毅', '李强', true],
      ['omitted', '深化各领域合作', null, false],
    ],
  );
});
