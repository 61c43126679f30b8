import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, DecodeError } from '../../src/text/decode.js';

const SAMPLE = '新华社北京1月21日电 习近平同普京举行视频会晤。\n€ 䶮 〾\n';

function gb18030(s: string): Uint8Array {
  // Encode by inverting the decoder over the BMP: enough for a test string.
  const dec = new TextDecoder('gb18030');
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let found = false;
    for (let a = 0x81; a <= 0xfe && !found; a++)
      for (let b = 0x40; b <= 0xfe && !found; b++) {
        if (dec.decode(new Uint8Array([a, b])) === ch) {
          out.push(a, b);
          found = true;
        }
      }
    for (let a = 0x81; a <= 0x84 && !found; a++)
      for (let b = 0x30; b <= 0x39 && !found; b++)
        for (let c = 0x81; c <= 0xfe && !found; c++)
          for (let d = 0x30; d <= 0x39 && !found; d++)
            if (dec.decode(new Uint8Array([a, b, c, d])) === ch) {
              out.push(a, b, c, d);
              found = true;
            }
    assert.ok(found, `no GB18030 code for ${ch}`);
  }
  return new Uint8Array(out);
}

test('UTF-8 with and without BOM', () => {
  const bytes = new TextEncoder().encode(SAMPLE);
  assert.deepEqual(decode(bytes), { text: SAMPLE, encoding: 'utf-8' });
  assert.deepEqual(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])), { text: SAMPLE, encoding: 'utf-8' });
});

test('UTF-16 LE and BE with BOM', () => {
  const le = Buffer.from('\ufeff' + SAMPLE, 'utf16le');
  assert.deepEqual(decode(le), { text: SAMPLE, encoding: 'utf-16le' });
  const be = Buffer.from(le).swap16();
  assert.deepEqual(decode(be), { text: SAMPLE, encoding: 'utf-16be' });
});

test('GB18030 (and so GBK) is detected without being told, including 4-byte sequences', () => {
  const s = '贵州日报讯（记者 敖子棋）1月21日上午。€䶮';
  assert.deepEqual(decode(gb18030(s)), { text: s, encoding: 'gb18030' });
});

test('CRLF and CR line ends become LF', () => {
  assert.equal(decode(new TextEncoder().encode('甲\r\n乙\r丙\n')).text, '甲\n乙\n丙\n');
});

test('empty, blank, binary and undecodable input fail with a one-line problem', () => {
  const problem = (b: Uint8Array) => {
    try {
      decode(b);
    } catch (e) {
      assert.ok(e instanceof DecodeError);
      return e.problem;
    }
    return 'decoded';
  };
  assert.equal(problem(new Uint8Array()), 'empty file');
  assert.equal(problem(new TextEncoder().encode(' \n\u3000\n')), 'no text (only white space)');
  assert.match(problem(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])), /^binary file/);
  assert.match(problem(new Uint8Array([0x01, 0x02, 0x03, 0xd6, 0xd0, 0x04, 0x05, 0x06, 0x07])), /binary or undecodable/);
  assert.match(problem(new Uint8Array([0xff, 0xfe, 0x00, 0xd8])), /not valid utf-16le/);
  assert.match(problem(new Uint8Array([0xd6, 0xd0, 0xff, 0xff, 0xff])), /not valid gb18030/);
});
