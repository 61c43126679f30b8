import { readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { UserError } from './errors.js';

/**
 * Expands files and folders into a sorted list of files whose extension is in
 * `exts`. Named files are taken whatever their extension; folders are walked
 * recursively, skipping dot-files. A missing path is a user error.
 */
export function walk(paths: string[], exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) collect(p, exts, out);
    else out.push(p);
  }
  return out;
}

function collect(dir: string, exts: readonly string[], out: string[]): void {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) collect(path, exts, out);
    else if (exts.includes(extname(name).toLowerCase())) out.push(path);
  }
}
