/** `wiretrace show article ID` / `wiretrace show story ID`: one stored article or story, with its passages or edits. */
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore } from './store.js';
import { article, story } from '../store/queries.js';

export async function showCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...STORE_OPTIONS } });
  const [what, id] = positionals;
  if ((what !== 'article' && what !== 'story') || id === undefined || positionals.length > 2)
    throw new UserError('expected article ID or story ID — e.g. wiretrace show article a1b2c3d4e5f60718', 2);
  return withStore(values.db, async (engine) => {
    if (what === 'article') {
      const a = await article(engine, id);
      if (!a) throw new UserError(`article ${id}: not in ${engine.label} — ids come from search, report or export`);
      if (values.json) console.log(JSON.stringify(a));
      else {
        console.log(`${a.id}  ${a.ref}\n${a.outlet} ${a.date ?? 'undated'}${a.page ? ` p.${a.page}` : ''} ${a.kind}${a.credit ? `, credit ${a.credit}` : ''}  (${a.source.format}: ${a.source.path})`);
        if (a.title) console.log(`《${a.title}》`);
        for (const s of a.stories) console.log(`story ${s.story}${s.origin ? ' (origin)' : ''}: text ${s.start}–${s.end}, ${(s.coverage * 100).toFixed(0)}% of the article`);
        console.log(`\n${a.text}`);
      }
      return 0;
    }
    const s = await story(engine, id);
    if (!s) throw new UserError(`story ${id}: not in ${engine.label} — ids come from report or show article`);
    if (values.json) console.log(JSON.stringify({ ...s.summary, edits: Object.fromEntries(s.edits) }));
    else {
      const m = s.summary;
      console.log(`${m.story}: ${m.members} copies in ${m.outlets.join(', ')}, ${m.first_date ?? '?'} to ${m.last_date ?? '?'}`);
      for (const [k, c] of [m.origin, ...m.copies].entries()) {
        console.log(`\n${k === 0 ? 'origin' : `copy +${c.days_after ?? '?'}d`}  ${c.id}  ${c.outlet} ${c.date ?? 'undated'}${c.page ? ` p.${c.page}` : ''} 《${c.title ?? c.ref}》 text ${c.start}–${c.end}, ${(c.coverage * 100).toFixed(0)}%`);
        for (const e of s.edits.get(c.id) ?? [])
          console.log(`  ${e.op.padEnd(8)} ${e.origin ? `「${e.origin.text}」` : ''}${e.op === 'changed' ? ' → ' : ''}${e.copy ? `「${e.copy.text}」` : ''}${e.name ? '  (name)' : ''}`);
      }
    }
    return 0;
  });
}
