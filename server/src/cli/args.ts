// The command line, read by node's own parseArgs: options are matched whole (no prefixes, so
// `--seedling` is an unknown option, not `--seed`), and every mistake is a usage error that
// names what was expected.
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_FILE_BYTES } from '../files/read';
import { DEFAULT_TIME_LIMIT_MS, DEFAULT_WORK_BUDGET, MAX_WORK_BUDGET } from '../check/budgets';

export const VERSION = '0.1.0';

export type Format = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

export const USAGE = `usage: derivcheck [options] FILE|DIR…
       derivcheck explain [CODE]

Checks every claimed relation in Markdown (.md, .markdown, .qmd, .Rmd, .mdx), LaTeX (.tex, .Rnw) and
Jupyter notebook (.ipynb) files; a LaTeX root is checked with the files it includes.
Directories are searched recursively (hidden entries and node_modules are passed over).

options:
  --format text|json|sarif|github
                             output format (default text); github prints workflow
                             commands that GitHub Actions shows as annotations
  --trials N                 trials per claim (default 20)
  --seed N                   document seed (default 0)
  --work-budget M            work per claim, in millions of operations (default
                             ${DEFAULT_WORK_BUDGET / 1e6}); it decides how far a check goes, the
                             same on any machine
  --time-budget MS           wall-clock guard per claim (default ${DEFAULT_TIME_LIMIT_MS}), only for
                             work the count misses
  --max-file-size MB         skip larger files with an error (default ${DEFAULT_MAX_FILE_BYTES / 2 ** 20})
  --baseline FILE            findings listed in FILE are reported as "in baseline" and
                             do not fail the run
  --write-baseline FILE      write the current findings to FILE (then exit 0 unless a
                             file could not be read)
  --exit-zero                exit 0 even when a claim is refuted
  --verbose                  also list verified claims (text format)
  --stats                    print files, KB, claims, time, KB/s, claims/s and the
                             slowest files to stderr (and in the JSON summary)
  --help, --version

explain [CODE]               what a diagnostic code means and what to do (all codes
                             when none is given)

exit status: 0 nothing refuted (or --exit-zero), 1 some claim refuted that is neither
suppressed nor in the baseline, 2 usage error or unreadable input`;

export interface Options {
  format: Format;
  trials?: number;
  seed?: number;
  workBudget: number;
  timeBudgetMs: number;
  maxFileBytes: number;
  baseline?: string;
  writeBaseline?: string;
  exitZero: boolean;
  verbose: boolean;
  stats: boolean;
  paths: string[];
}

export type Command =
  | { kind: 'check'; options: Options }
  | { kind: 'explain'; code: string | null }
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {}

/** Reads the options; node's own errors become usage errors that name the option. */
function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        trials: { type: 'string' },
        seed: { type: 'string' },
        'work-budget': { type: 'string' },
        'time-budget': { type: 'string' },
        'max-file-size': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'exit-zero': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        stats: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError(parseArgsMessage(err));
  }
}

export function parseCommandLine(argv: string[]): Command {
  const parsed = readOptions(argv);
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const positionals = parsed.positionals;
  if (positionals[0] === 'explain') {
    if (positionals.length > 2)
      throw new UsageError(
        `explain takes one CODE, found ${positionals.length - 1}: ${positionals.slice(1).join(' ')}`,
      );
    return { kind: 'explain', code: positionals[1] ?? null };
  }
  const format = v.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not ` +
        `'${format}'`,
    );
  if (v.baseline !== undefined && v.baseline === '') throw new UsageError('--baseline needs a FILE');
  if (v['write-baseline'] !== undefined && v['write-baseline'] === '')
    throw new UsageError('--write-baseline needs a FILE');
  if (positionals.length === 0) throw new UsageError('no FILE or DIR given');
  return {
    kind: 'check',
    options: {
      format: format as Format,
      ...(v.trials !== undefined ? { trials: wholeNumber('--trials', v.trials, 1, 10000) } : {}),
      ...(v.seed !== undefined ? { seed: wholeNumber('--seed', v.seed, 0, 2 ** 31 - 1) } : {}),
      workBudget:
        v['work-budget'] !== undefined
          ? wholeNumber('--work-budget', v['work-budget'], 1, MAX_WORK_BUDGET / 1e6) * 1e6
          : DEFAULT_WORK_BUDGET,
      timeBudgetMs:
        v['time-budget'] !== undefined
          ? wholeNumber('--time-budget', v['time-budget'], 1, 600000)
          : DEFAULT_TIME_LIMIT_MS,
      maxFileBytes:
        v['max-file-size'] !== undefined
          ? megabytes('--max-file-size', v['max-file-size'])
          : DEFAULT_MAX_FILE_BYTES,
      ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
      ...(v['write-baseline'] !== undefined ? { writeBaseline: v['write-baseline'] } : {}),
      exitZero: v['exit-zero'] ?? false,
      verbose: v.verbose ?? false,
      stats: v.stats ?? false,
      paths: positionals,
    },
  };
}

function wholeNumber(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max)
    throw new UsageError(`${name} needs a whole number from ${min} to ${max}, found '${v}'`);
  return n;
}

function megabytes(name: string, v: string): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0) || n > 4096)
    throw new UsageError(`${name} needs a size in MB, more than 0 and at most 4096, found '${v}'`);
  return Math.round(n * 2 ** 20);
}

/** parseArgs' errors, reworded to name the option and say what to do. */
function parseArgsMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = String(e.message ?? err);
  const option = /'(-[^']*)'/
    .exec(message)?.[1]
    ?.replace(/^-\w, /, '')
    .replace(/ <value>$/, '');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${option ?? message}' (see --help for the options)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `${option ?? 'an option'} needs a value`;
      if (/does not take an argument/.test(message)) return `${option ?? 'an option'} takes no value`;
      if (/ambiguous/.test(message))
        return (
          `${option ?? 'an option'} needs a value; for one that starts with '-', write ` +
          `${option ?? 'OPTION'}=VALUE`
        );
      return message;
    default:
      return message;
  }
}
