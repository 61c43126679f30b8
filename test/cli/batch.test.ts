import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'wiretrace.js');

test('--batch that is not a whole number ≥ 1 is one error line, exit 2, and no database is made', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'wiretrace-batch-')), 'x.db');
  for (const args of [['ingest', 'examples', '--batch', '0'], ['detect', '--batch', 'x'], ['run', 'examples', '--batch=-3']]) {
    const r = spawnSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /--batch .*: expected a whole number ≥ 1/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(!existsSync(db), `${args[0]} made ${db}`);
  }
});
