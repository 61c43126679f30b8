/** `wiretrace reprints --db LOCATION`: the stored passages, in the JSON lines of the stateless mode (or a count without `--json`). */
import { withStore } from './store.js';
import { storedPassages } from '../store/queries.js';

export async function reprintsFromStore(db: string, json: boolean): Promise<number> {
  await withStore(db, async (engine) => {
    let n = 0;
    for await (const p of storedPassages(engine)) {
      n++;
      if (json) console.log(JSON.stringify(p));
    }
    if (!json) console.log(`${n} stored passages in ${engine.label} (add --json for one JSON line each)`);
  });
  return 0;
}
