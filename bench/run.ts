/**
 * Benchmark entry point: `npm run bench [-- <section>...]`, or
 * `node dist/bench/run.js segment`. Each section is an async function that
 * prints its own figures. To add one: import it and add one array entry.
 */
import { segmentBench } from './segment.js';
import { reprintsRealBench } from './reprints-real.js';
import { reprintsSynthBench } from './reprints-synth.js';
import { storeBench } from './store.js';

const sections: [name: string, run: () => Promise<void>][] = [
  ['segment', segmentBench],
  ['reprints-real', reprintsRealBench],
  ['reprints-synth', reprintsSynthBench],
  ['store', storeBench],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !sections.some(([name]) => name === w));
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} — choose from ${sections.map(([n]) => n).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of sections) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`== ${name}`);
  await run();
}
