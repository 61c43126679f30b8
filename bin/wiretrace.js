#!/usr/bin/env node
import('../dist/src/cli/main.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`wiretrace: internal error: ${err && err.stack || err}\nPlease report this as a bug.`); process.exitCode = 70; },
);
