// The command line is read by node:util parseArgs: whole option names only, every mistake a
// usage error that names the option (issue 13 item 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../../../server/src/cli/args';

const options = (argv: string[]) => {
  const c = parseCommandLine(argv);
  assert.equal(c.kind, 'check');
  return (c as Extract<typeof c, { kind: 'check' }>).options;
};

const usageError = (argv: string[], pattern: RegExp) =>
  assert.throws(
    () => parseCommandLine(argv),
    (err: unknown) => err instanceof UsageError && pattern.test(err.message),
  );

test('a prefix of an option is not the option: --seedling is unknown, and the error names it', () => {
  usageError(['--seedling', '3', 'a.md'], /unknown option '--seedling'/);
  usageError(['--form', 'json', 'a.md'], /unknown option '--form'/);
  usageError(['-x', 'a.md'], /unknown option '-x'/);
});

test('values: both spellings, ranges checked, missing values named', () => {
  const o = options(['--seed=7', '--trials', '3', '--format', 'github', '--exit-zero', '-v', 'a.md', 'docs']);
  assert.deepEqual(
    [o.seed, o.trials, o.format, o.exitZero, o.verbose, o.paths],
    [7, 3, 'github', true, true, ['a.md', 'docs']],
  );
  assert.equal(options(['a.md']).exitZero, false);
  usageError(['--seed=-1', 'a.md'], /--seed needs a whole number from 0/);
  usageError(
    ['--seed', '-1', 'a.md'],
    /--seed needs a value; for one that starts with '-', write --seed=VALUE/,
  );
  usageError(['--trials', '0', 'a.md'], /--trials needs a whole number from 1 to 10000, found '0'/);
  usageError(['a.md', '--seed'], /--seed needs a value/);
  usageError(['--format', 'xml', 'a.md'], /--format must be text, json, sarif or github, not 'xml'/);
  usageError(['--verbose=yes', 'a.md'], /--verbose takes no value/);
  usageError(['--max-file-size', '0', 'a.md'], /--max-file-size needs a size in MB/);
  assert.equal(options(['--max-file-size', '0.5', 'a.md']).maxFileBytes, 512 * 1024);
  usageError([], /no FILE or DIR given/);
});

test('baselines and the explain command', () => {
  const o = options(['--baseline', 'b.json', '--write-baseline=c.json', 'a.md']);
  assert.deepEqual([o.baseline, o.writeBaseline], ['b.json', 'c.json']);
  assert.deepEqual(parseCommandLine(['explain', 'refuted']), { kind: 'explain', code: 'refuted' });
  assert.deepEqual(parseCommandLine(['explain']), { kind: 'explain', code: null });
  usageError(['explain', 'a', 'b'], /explain takes one CODE/);
  assert.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
  // A file called explain can still be checked by its path.
  assert.deepEqual(options(['./explain']).paths, ['./explain']);
});
