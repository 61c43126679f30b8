import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePage } from '../../src/page/index.js';
import type { Page, Part } from '../../src/page/index.js';
import { reflow, isSpace } from '../../src/text/reflow.js';

/** Every part that owns page characters: credits read off a dateline own none of their own. */
function owners(page: Page): Part[] {
  const out: Part[] = [...page.noise];
  for (const a of page.articles) {
    for (const p of [a.headline, a.dateline, a.byline, ...a.decks, ...a.paragraphs]) if (p) out.push(p);
    if (a.credit && a.credit.source === 'line') out.push(a.credit);
  }
  return out;
}

/** No non-white-space character is lost or invented: each belongs to exactly one part. */
function checkCoverage(text: string): void {
  const page = parsePage(text);
  const count = new Uint8Array(text.length);
  for (const p of owners(page)) {
    assert.ok(p.start >= 0 && p.end <= text.length && p.start < p.end, `bad span ${p.start}-${p.end}`);
    assert.equal(p.text, reflow(text, p.start, p.end).text, `text of ${p.start}-${p.end} is its reflowed span`);
    for (let i = p.start; i < p.end; i++) if (!isSpace(text.charCodeAt(i))) count[i]!++;
  }
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    assert.equal(count[i], 1, `char ${i} ${JSON.stringify(text[i])} in ${JSON.stringify(text.slice(Math.max(0, i - 15), i + 15))} owned ${count[i]} times`);
  }
}

const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const punct = fc.constantFrom('，', '、', '“', '”', '（', '）', '：', ' ', 'A', 'GDP', '2024', '.');
const clause = fc.array(fc.oneof({ weight: 8, arbitrary: han }, { weight: 1, arbitrary: punct }), { minLength: 3, maxLength: 40 }).map((a) => a.join(''));
const sentence = fc.tuple(fc.array(clause, { minLength: 1, maxLength: 4 }), fc.constantFrom('。', '！', '？', '。”', '')).map(([cs, end]) => cs.join('，') + end);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((s) => s.join(''));
const special = fc.constantFrom(
  '扫码看视频',
  '■据新华社',
  '（据央视）',
  '■湖南日报全媒体记者 孙敏坚',
  '湖南日报全媒体记者 郭立亮 童臻熙 摄',
  '新华社北京1月21日电 1月21日下午，国家主席习近平会见来宾。',
  '贵州日报讯（记者 敖子棋）1月21日上午，会议举行。',
  '三湘都市报1月21日讯 21日上午，会议召开。',
  '王毅参加活动。 ■据新华社',
  '又讯 三次航天飞行任务将在今年开展。',
  '（新华社北京9月30日电）',
  '（本报尼斯10月9日电）',
  '（作者为华中科技大学法学院院长）',
  '（杜海涛）',
  '——编  者',
  '（新华社北京10月1日电  新华社记者李学勇、李宣良）',
  '责任编辑：张三',
  '3',
  '（本报记者王慧敏、赵永平）',
);
const headline = fc.array(han, { minLength: 4, maxLength: 20 }).map((a) => a.join(''));
const piece = fc.oneof({ weight: 5, arbitrary: paragraph }, { weight: 2, arbitrary: headline }, { weight: 2, arbitrary: special });
const sep = fc.constantFrom('\n', '\n\n', '\n\n\n\n', '\r\n\r\n', '\n \n', '\n\u3000\u3000');

/** Hard-wraps a piece into column lines of `width` characters, like a PDF extraction. */
function wrap(s: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += width) lines.push(s.slice(i, i + width));
  return lines.join('\n');
}

const page = fc
  .tuple(fc.array(fc.tuple(piece, sep), { minLength: 1, maxLength: 30 }), fc.option(fc.integer({ min: 12, max: 24 })))
  .map(([pieces, width]) => pieces.map(([p, s]) => (width ? wrap(p, width) : p) + s).join('').replace(/\r\n?/g, '\n'));

test('every non-space character of a generated page belongs to exactly one part', () => {
  fc.assert(fc.property(page, checkCoverage), { numRuns: 2000, seed: 20250121 });
});

test('pages with nothing but noise or headings parse without losing characters', () => {
  checkCoverage('扫码看视频\n\n3\n');
  checkCoverage('一个标题\n\n另一个标题\n');
  checkCoverage('■据新华社\n');
  checkCoverage('新华社北京1月21日电\n');
});
