// The CLI's CI faces (issue 16 items 8-10, issue 15 item 13): SARIF valid against the 2.1.0
// schema with fingerprints that survive line moves, GitHub workflow commands checked line by
// line, suppression and baselines in the summary and the exit status, --exit-zero, explain.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CliSandbox } from './helpers';

let box: CliSandbox;
before(() => {
  box = new CliSandbox();
});
after(() => box?.dispose());

// A refuted claim after a non-ASCII letter and an astral one (columns count UTF-16 units), an
// unchecked claim, a syntax problem, and a suppressed refutation.
const DOC = [
  'Café 𝑥: $2 + 2 = 5$', // '$' at UTF-16 column 10 (𝑥 is two units), the claim from column 11
  '',
  '$$x + y = z$$',
  '',
  'Broken: $\\frac{1}{2$',
  '',
  '<!-- derive-disable-next-line refuted -->',
  '$3 + 3 = 7$',
  '',
].join('\n');

function sarifOf(out: string) {
  const log = JSON.parse(out);
  return {
    log,
    results: log.runs[0].results as {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string }[];
      baselineState?: string;
    }[],
  };
}

test('SARIF validates against the 2.1.0 schema, states utf16CodeUnits, and fingerprints each result', () => {
  writeFileSync(join(box.dir, 'doc one.md'), DOC);
  const r = box.run(['--format', 'sarif', 'doc one.md']);
  assert.equal(r.code, 1, r.err);
  const schema = JSON.parse(
    readFileSync(new URL('./sarif-2.1.0-rtm.5.schema.json', import.meta.url), 'utf8'),
  );
  // The schema's language pattern is not valid in Unicode mode (an unmatched ']'), so patterns are read as
  // plain regular expressions.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  // biome-ignore lint/suspicious/noExplicitAny: a SARIF log is read here as loose JSON.
  const validate = ajv.compile<Record<string, any>>(schema);
  const { log, results } = sarifOf(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  // The validator does reject what the schema forbids.
  assert.equal(validate({ ...log, runs: [{ ...log.runs[0], columnKind: 'bytes' }] }), false);
  assert.equal(
    validate({
      ...log,
      runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }],
    }),
    false,
  );
  assert.deepEqual(
    results.map((x) => [x.ruleId, x.level]),
    [
      ['refuted', 'error'],
      ['unchecked', 'note'],
      ['syntax', 'warning'],
      ['refuted', 'error'],
    ],
  );
  const first = results[0].locations[0].physicalLocation;
  assert.equal(first.artifactLocation.uri, 'doc%20one.md');
  assert.deepEqual([first.region.startLine, first.region.startColumn], [1, 11]);
  assert.deepEqual(results[3].suppressions, [{ kind: 'inSource' }]);
  assert.equal(results[0].suppressions, undefined);
  const ids = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
  for (const x of results) assert.ok(ids.includes(x.ruleId));
  // The same findings two lines lower keep their fingerprints; a changed claim gets a new one.
  writeFileSync(
    join(box.dir, 'doc one.md'),
    `New intro.\n\n${DOC.replace('$$x + y = z$$', '$$x + y = w$$')}`,
  );
  const moved = sarifOf(box.run(['--format', 'sarif', 'doc one.md']).out).results;
  assert.equal(moved[0].locations[0].physicalLocation.region.startLine, 3);
  assert.deepEqual(moved[0].partialFingerprints, results[0].partialFingerprints);
  assert.deepEqual(moved[2].partialFingerprints, results[2].partialFingerprints);
  assert.notDeepEqual(moved[1].partialFingerprints, results[1].partialFingerprints);
});

// GitHub's workflow command: `::level k=v,k=v::message`, properties escaped for % \r \n : ,
const COMMAND =
  /^::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),endLine=(\d+)(?:,endColumn=(\d+))?,title=([^,:\r\n]*)::([^\r\n]*)$/;
const unescapeCommand = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');

test('--format github: one escaped workflow command per finding, then the summary', () => {
  mkdirSync(join(box.dir, 'gh'), { recursive: true });
  writeFileSync(join(box.dir, 'gh', 'a,b:c.md'), DOC);
  const r = box.run(['--format', 'github', 'gh']);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.at(-1), '1 file: 0 verified, 1 refuted, 1 unchecked; 1 suppressed');
  const commands = lines.slice(0, -1).map((l) => {
    const m = COMMAND.exec(l);
    assert.ok(m, `not a workflow command: ${l}`);
    return {
      level: m[1],
      file: unescapeCommand(m[2]),
      line: +m[3],
      col: +m[4],
      endLine: +m[5],
      endColumn: m[6],
      title: unescapeCommand(m[7]),
      message: unescapeCommand(m[8]),
    };
  });
  assert.deepEqual(
    commands.map((c) => [c.level, c.file, c.line, c.col, c.title]),
    [
      ['error', 'gh/a,b:c.md', 1, 11, 'derivcheck refuted'],
      ['notice', 'gh/a,b:c.md', 3, 3, 'derivcheck unchecked'],
      ['warning', 'gh/a,b:c.md', 5, 19, 'derivcheck syntax'],
    ],
  );
  // Messages keep their lines and percent signs once unescaped.
  const json = JSON.parse(box.run(['--format', 'json', 'gh']).out);
  const refuted = json.files[0].claims[0];
  assert.equal(commands[0].message, [`${refuted.message}  [${refuted.text}]`, ...refuted.details].join('\n'));
  assert.ok(r.out.includes('%0A'));
  assert.ok(!/[^%]%(?![0-9A-F]{2})/.test(r.out), 'every % is escaped');
});

test(
  'baseline: findings in it do not fail the run, new ones do, line moves and the working ' +
    'directory do not matter',
  () => {
    const dir = join(box.dir, 'proj');
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'old.md'), '$2 + 2 = 5$\n\n$$x + y = z$$\n');
    const w = box.run(['--write-baseline', 'derivcheck-baseline.json', 'docs'], dir);
    assert.equal(w.code, 0, w.err);
    assert.match(w.out, /1 file: 0 verified, 0 refuted, 0 unchecked; 2 in baseline\n$/);
    const baseline = JSON.parse(readFileSync(join(dir, 'derivcheck-baseline.json'), 'utf8'));
    assert.deepEqual(baseline.findings.map((f: { file: string; code: string }) => [f.file, f.code]).sort(), [
      ['docs/old.md', 'refuted'],
      ['docs/old.md', 'unchecked'],
    ]);
    // Old findings moved down by an edit, and a new refutation.
    writeFileSync(join(dir, 'docs', 'old.md'), 'Intro.\n\n$2 + 2 = 5$\n\n$$x + y = z$$\n\n$1 + 1 = 3$\n');
    const r = box.run(['--baseline', '../derivcheck-baseline.json', '.'], join(dir, 'docs'));
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^old\.md:7:8: refuted: .*\[1 \+ 1 = 3\]$/m);
    assert.doesNotMatch(r.out, /2 \+ 2 = 5/);
    assert.match(r.out, /1 file: 0 verified, 1 refuted, 0 unchecked; 2 in baseline\n$/);
    const json = JSON.parse(
      box.run(['--format', 'json', '--baseline', 'derivcheck-baseline.json', 'docs'], dir).out,
    );
    assert.deepEqual(
      json.files[0].claims.map((c: { suppressed?: string }) => c.suppressed ?? null),
      ['baseline', 'baseline', null],
    );
    assert.deepEqual(json.summary, { verified: 0, refuted: 1, unchecked: 0, suppressed: 0, inBaseline: 2 });
    const sarif = sarifOf(
      box.run(['--format', 'sarif', '--baseline', 'derivcheck-baseline.json', 'docs'], dir).out,
    ).results;
    assert.deepEqual(
      sarif.map((x) => x.baselineState),
      ['unchanged', 'unchanged', 'new'],
    );
    // With only old findings the run passes.
    writeFileSync(join(dir, 'docs', 'old.md'), 'Intro.\n\n$2 + 2 = 5$\n');
    assert.equal(box.run(['--baseline', 'derivcheck-baseline.json', 'docs'], dir).code, 0);
  },
);

test('a missing or malformed baseline is a usage error that says how to make one', () => {
  writeFileSync(join(box.dir, 'ok.md'), '$1 + 1 = 2$\n');
  const missing = box.run(['--baseline', 'nope.json', 'ok.md']);
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    /cannot read the baseline nope\.json \(ENOENT\); create one with --write-baseline nope\.json/,
  );
  writeFileSync(join(box.dir, 'bad.json'), '{"findings": 3}');
  const bad = box.run(['--baseline', 'bad.json', 'ok.md']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /not a derivcheck baseline/);
});

test(
  'suppressed findings are counted, not printed, and do not fail the run; --exit-zero still ' +
    'prints every refutation',
  () => {
    writeFileSync(
      join(box.dir, 'quiet.md'),
      '<!-- derive-disable-next-line -->\n$2 + 2 = 5$\n\n$1 + 1 = 2$\n',
    );
    const r = box.run(['quiet.md']);
    assert.deepEqual([r.code, r.out], [0, '1 file: 1 verified, 0 refuted, 0 unchecked; 1 suppressed\n']);
    writeFileSync(join(box.dir, 'loud.md'), '$2 + 2 = 5$\n');
    const z = box.run(['--exit-zero', 'loud.md']);
    assert.equal(z.code, 0);
    assert.match(z.out, /^loud\.md:1:8: refuted: left is 4, right is 5/);
    assert.equal(box.run(['loud.md']).code, 1);
    assert.equal(
      box.run(['--exit-zero', 'loud.md', 'missing.md']).code,
      2,
      'unreadable input is still an error',
    );
  },
);

test('derivcheck explain', () => {
  const r = box.run(['explain', 'unclosed-math']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^unclosed-math: Math that is never closed\n/);
  const all = box.run(['explain']);
  assert.match(all.out, /^verified +The claim holds$/m);
  assert.match(all.out, /^refuted +The claim does not hold$/m);
  const unknown = box.run(['explain', 'nonsense']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no diagnostic code 'nonsense'; the codes are verified, refuted/);
  const usage = box.run(['--seedling', '4', 'x.md']);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /unknown option '--seedling'/);
});
