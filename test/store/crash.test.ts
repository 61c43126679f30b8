/**
 * Crash safety for real: a child process running `wiretrace ingest` or
 * `wiretrace detect` is killed with SIGKILL mid-way, then the command is run
 * again; the store must end exactly as after an uninterrupted run (nothing
 * lost, nothing doubled). On every engine.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/engine.js';
import type { Engine } from '../../src/store/engine.js';
import { storedPassages } from '../../src/store/queries.js';
import { engines, synthCorpus, writeJsonl, tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../../bin/wiretrace.js', import.meta.url));
const list = await engines('crash.test');
after(async () => {
  for (const e of list) await e.cleanup();
});

// 30 files of 24 articles: long enough to be killed in the middle.
const dir = tempDir('wiretrace-crash-');
const files = synthCorpus(30, 12, 11).map((day, i) => writeJsonl(dir, `day${String(i).padStart(2, '0')}.jsonl`, day));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the command and kills it with SIGKILL once `ready` says the store is part-way. */
async function killMidway(args: string[], location: string, ready: (e: Engine) => Promise<boolean>): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const probe = await openStore(location);
  try {
    let killed = false;
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 25));
      if (await ready(probe).catch(() => false)) {
        child.kill('SIGKILL');
        killed = true;
        break;
      }
    }
    await exited;
    assert.ok(killed, `${args[0]} finished before it could be killed — make the input larger`);
  } finally {
    await probe.close();
  }
}

async function count(e: Engine, table: 'sources' | 'articles' | 'passages', where?: [string, number]): Promise<number> {
  let q = e.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

async function snapshot(location: string): Promise<unknown> {
  const e = await openStore(location);
  try {
    const passages: string[] = [];
    for await (const p of storedPassages(e)) passages.push(JSON.stringify(p));
    const runs = await e.db.selectFrom('fingerprint_runs').select(['articles', 'postings']).execute();
    const members = await e.db.selectFrom('story_members').select(['story', 'num', 'start', 'end']).orderBy('story').orderBy('seq').execute();
    return {
      sources: await count(e, 'sources'),
      articles: await count(e, 'articles'),
      matched: await count(e, 'articles', ['state', 2]),
      // Each article in exactly one run, with its fingerprints once.
      fingerprinted: runs.reduce((n, r) => n + r.articles, 0),
      postings: runs.reduce((n, r) => n + r.postings, 0),
      passages: passages.sort(),
      members,
    };
  } finally {
    await e.close();
  }
}

for (const te of list) {
  test(`${te.name}: ingest and detect killed mid-way finish with nothing lost or doubled`, { timeout: 300_000 }, async () => {
    const clean = te.fresh();
    assert.equal(cli(['ingest', ...files, '--db', clean]).status, 0);
    assert.equal(cli(['detect', '--db', clean]).status, 0);
    const want = await snapshot(clean);

    const killed = te.fresh();
    await killMidway(['ingest', ...files, '--db', killed, '--batch', '24'], killed, async (e) => {
      const n = await count(e, 'sources');
      return n > 60 && n < 600;
    });
    const again = cli(['ingest', ...files, '--db', killed]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /already present/);

    await killMidway(['detect', '--db', killed, '--batch', '20'], killed, async (e) => (await count(e, 'articles', ['state', 2])) > 100);
    const partial = await openStore(killed);
    const matched = await count(partial, 'articles', ['state', 2]);
    await partial.close();
    assert.ok(matched < 720, `killed mid-detect (${matched} of 720 matched)`);
    const rerun = cli(['detect', '--db', killed, '--json']);
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.equal(JSON.parse(rerun.stdout).matched, 720 - matched, 'the rerun matches only what was left');
    assert.deepEqual(await snapshot(killed), want);
  });
}
