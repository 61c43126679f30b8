import { UserError } from './errors.js';

/** A command: parses its own arguments, writes to stdout, returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

interface CommandInfo {
  summary: string;
  usage: string;
  load: () => Promise<Command>;
}

/** Every command, loaded lazily so that `wiretrace parse` never loads the reprint engine. */
const COMMANDS: Record<string, CommandInfo> = {
  parse: {
    summary: 'split page files into articles',
    usage: 'wiretrace parse FILE|FOLDER... [--json]',
    load: async () => (await import('./parse.js')).parseCommand,
  },
  reprints: {
    summary: 'find and align passages that articles share',
    usage:
      'wiretrace reprints INPUT... | --db LOCATION [--json] [--stories] [--explain] [--within-series] [--min-length N] [--ngram N] [--window N] [--max-df N] [--min-shared N] [--days N|inf] [--gap N] [--series S] [--date YYYY-MM-DD]',
    load: async () => (await import('./reprints.js')).reprintsCommand,
  },
  ingest: {
    summary: 'read pages, article files, transcripts and JSONL into the store',
    usage: 'wiretrace ingest PATH... [--db LOCATION] [--series S] [--date YYYY-MM-DD] [--page P] [--reader page|rmrb|cctv|jsonl] [--json]',
    load: async () => (await import('./ingest.js')).ingestCommand,
  },
  detect: {
    summary: 'match new articles against the store: passages, stories, edits',
    usage: 'wiretrace detect [--db LOCATION] [--json] [--within-series] [--min-length N] [--ngram N] [--window N] [--max-df N] [--days N|inf] [--gap N]',
    load: async () => (await import('./detect.js')).detectCommand,
  },
  run: {
    summary: 'ingest, detect and report in one go',
    usage: 'wiretrace run PATH... [--db LOCATION] [--format table|csv|json] [--json] [--top N] [ingest and detect options]',
    load: async () => (await import('./run.js')).runCommand,
  },
  report: {
    summary: 'per outlet and day: articles, reprinted share, top stories',
    usage: 'wiretrace report [--db LOCATION] [--format table|csv|json] [--json] [--top N]',
    load: async () => (await import('./report.js')).reportCommand,
  },
  search: {
    summary: 'full-text search over the stored articles',
    usage: 'wiretrace search QUERY [--db LOCATION] [--outlet S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--page P] [--kind K] [--limit N] [--json]',
    load: async () => (await import('./search.js')).searchCommand,
  },
  show: {
    summary: 'one stored article or story',
    usage: 'wiretrace show article|story ID [--db LOCATION] [--json]',
    load: async () => (await import('./show.js')).showCommand,
  },
  export: {
    summary: 'every stored article as JSON lines or CSV',
    usage: 'wiretrace export [--format jsonl|csv] [--db LOCATION]',
    load: async () => (await import('./export.js')).exportCommand,
  },
};

export function usage(): string {
  const lines = ['usage: wiretrace <command> [options]', '', 'commands:'];
  for (const [name, info] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${info.summary}`);
  lines.push('', "Run 'wiretrace <command> --help' for a command's options.");
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const info = COMMANDS[name];
  if (!info) {
    console.error(`wiretrace: unknown command '${name}' — run 'wiretrace --help' for the list`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`usage: ${info.usage}`);
    return 0;
  }
  try {
    return await (await info.load())(rest);
  } catch (err) {
    if (err instanceof UserError) {
      console.error(`wiretrace ${name}: ${err.message}`);
      return err.code;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`wiretrace ${name}: ${err.message} — usage: ${info.usage}`);
      return 2;
    }
    throw err;
  }
}
