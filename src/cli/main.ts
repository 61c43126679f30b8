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
      'wiretrace reprints INPUT... [--json] [--stories] [--explain] [--within-series] [--min-length N] [--ngram N] [--window N] [--max-df N] [--days N|inf] [--gap N] [--series S] [--date YYYY-MM-DD]',
    load: async () => (await import('./reprints.js')).reprintsCommand,
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
