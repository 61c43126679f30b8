/**
 * Traditional → simplified conversion, exactly OpenCC's `t2s` as opencc-js
 * runs it (`Converter({from: 't', to: 'cn'})`: the CJK compatibility
 * ideographs normalised, then TSPhrases over TSCharacters, each stage a
 * greedy longest match from left to right), but fast on text that is
 * already simplified.
 *
 * opencc-js looks every character up in its trie and rebuilds the string.
 * Here each stage uses the same tries (opencc-js's own `Trie`, loaded from its
 * `t2s` preset) but first checks a flat table of the characters that start a
 * dictionary key, so most characters cost one array read, and a match whose
 * replacement equals the matched text (phrases such as 乾隆 that exist to stop
 * a character rule) is not copied. Unchanged text is returned as the same
 * string. Text with an ideographic description character (U+2FF0–2FFF),
 * which opencc-js skips as a whole sequence, is handed to opencc-js itself.
 * test/reuse/t2s.test.ts checks the two agree.
 */
import { Trie, type DictGroup } from 'opencc-js/core';
import { configs } from 'opencc-js/preset/t2cn';
import { Converter } from 'opencc-js/t2cn';

interface Stage {
  trie: Trie;
  /** 1 where a BMP unit starts a key of this stage. */
  starts: Uint8Array;
  /** Astral code points that start a key. */
  astral: Set<number>;
}

let stages: Stage[] | null = null;
let reference: ((s: string) => string) | null = null;

function load(): Stage[] {
  const t2sConfig = configs['t2s'] as unknown as { normalizationChain?: readonly DictGroup[]; conversionChain: readonly DictGroup[] };
  const groups = [...(t2sConfig.normalizationChain ?? []), ...t2sConfig.conversionChain];
  return groups.map((group) => {
    const trie = new Trie();
    trie.loadDictGroup(group);
    const starts = new Uint8Array(0x10000);
    const astral = new Set<number>();
    for (const cp of (trie as unknown as { map: Map<number, unknown> }).map.keys()) {
      if (cp < 0x10000) starts[cp] = 1;
      else astral.add(cp);
    }
    return { trie, starts, astral };
  });
}

/** `text` in simplified script (see the module comment). */
export function t2s(text: string): string {
  stages ??= load();
  let s = text;
  for (const stage of stages) {
    const r = convertStage(s, stage);
    if (r === null) return (reference ??= Converter({ from: 't', to: 'cn' }))(text);
    s = r;
  }
  return s;
}

/** One stage over `s`; null when `s` needs opencc-js itself (an ideographic description sequence). */
function convertStage(s: string, { trie, starts, astral }: Stage): string | null {
  const n = s.length;
  let parts: string[] | null = null;
  let last = 0;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) {
        width = 2;
        if (!astral.has(cp)) {
          i += 2;
          continue;
        }
      } else if (!starts[c]) {
        i++;
        continue;
      }
    } else if (!starts[c]) {
      if (c >= 0x2ff0 && c <= 0x2fff) return null;
      i++;
      continue;
    }
    const m = trie.matchPrefix(s, i);
    if (m === null) {
      if (c >= 0x2ff0 && c <= 0x2fff) return null;
      i += width;
      continue;
    }
    if (!sameAt(s, i, m.end, m.value)) {
      (parts ??= []).push(s.slice(last, i), m.value);
      last = m.end;
    }
    i = m.end;
  }
  if (parts === null) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

function sameAt(s: string, start: number, end: number, v: string): boolean {
  if (v.length !== end - start) return false;
  for (let k = 0; k < v.length; k++) if (s.charCodeAt(start + k) !== v.charCodeAt(k)) return false;
  return true;
}
