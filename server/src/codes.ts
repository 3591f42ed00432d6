// The diagnostic codes derivcheck reports, as one table: `derivcheck explain CODE` prints an
// entry, SARIF lists them as rules, suppression comments are checked against them, and
// docs/codes.md is generated from them (npm run docs:codes; a test keeps the two equal).
// A code, once published, keeps its meaning: CI baselines and suppression comments name it.

export type CodeKind = 'verdict' | 'problem';

export interface CodeInfo {
  code: string;
  /** 'verdict': a claim's outcome; 'problem': something in the document that could not be read. */
  kind: CodeKind;
  /** How CI formats rank it: an error fails the run (exit 1), the others inform. */
  level: 'error' | 'warning' | 'note' | 'none';
  title: string;
  meaning: string;
  /** A short document that gets this code (a unit test checks that it does), or null. */
  example: { kind: 'markdown' | 'latex'; text: string } | null;
  action: string;
}

export const CODES: readonly CodeInfo[] = [
  {
    code: 'verified',
    kind: 'verdict',
    level: 'none',
    title: 'The claim holds',
    meaning:
      'Every trial agreed within the tolerance, or the claim was decided exactly. Not a finding: ' +
      'only `--verbose` and `--format json` list it.',
    example: { kind: 'markdown', text: 'Exact integers: $2 + 2 = 4$\n' },
    action: 'Nothing.',
  },
  {
    code: 'refuted',
    kind: 'verdict',
    level: 'error',
    title: 'The claim does not hold',
    meaning:
      'Some trial disagreed beyond the tolerance, or exact arithmetic shows the two sides differ. ' +
      'The message gives the size of the difference, both values and the failing sample.',
    example: { kind: 'markdown', text: 'Exact integers: $2 + 2 = 5$\n' },
    action:
      'Correct the claim, using the counterexample. If a decimal is rounded, write it with the ' +
      'digits you mean (`3.16`, not `3`); if the claim is approximate, write `\\approx`. If the ' +
      'claim holds under a reading derivcheck does not make, declare or define what you mean, or ' +
      'suppress the finding with `<!-- derive-disable-next-line refuted -->`.',
  },
  {
    code: 'shape',
    kind: 'verdict',
    level: 'error',
    title: 'An expression cannot be formed',
    meaning:
      'A product, sum or function is applied to tensors whose sizes do not fit (multiplying 3×4 by ' +
      '5×2), or the two sides of a claim have different shapes (a row against a column). A shape ' +
      'error is a refutation.',
    example: {
      kind: 'markdown',
      text:
        '<!-- derive: A \\in \\mathbb{R}^{3 \\times 4}; B \\in \\mathbb{R}^{5 \\times 2} ' +
        '-->\n\n$$AB = AB$$\n',
    },
    action:
      'Check the declared shapes and the order of the factors; a transpose (`^\\top`) is often missing.',
  },
  {
    code: 'unchecked',
    kind: 'verdict',
    level: 'note',
    title: 'The claim could not be checked',
    meaning:
      'The message says why: an unknown name (with the declaration to add), notation that is not ' +
      'evaluated, a budget exceeded, a matrix singular at every sample, an assumption never met, ' +
      'or a relation that reads as a condition rather than a claim.',
    example: { kind: 'markdown', text: '$$x + y = z$$\n' },
    action:
      'Follow the message: declare the names (`<!-- derive: x \\in \\mathbb{R} -->`), define what ' +
      'the prose states in words, or leave it: an unchecked claim does not fail a run.',
  },
  {
    code: 'syntax',
    kind: 'problem',
    level: 'warning',
    title: 'Math that could not be read',
    meaning:
      'A math span or directive statement that the parser could not read (an unbalanced brace, an ' +
      'unknown command); nothing in it is checked.',
    example: { kind: 'markdown', text: '$$\\frac{1}{2 = 3$$\n' },
    action:
      'Fix the LaTeX at the place shown, or put `<!-- derive: skip -->` before the span if it is ' +
      'not meant to be read.',
  },
  {
    code: 'unclosed-math',
    kind: 'problem',
    level: 'warning',
    title: 'Math that is never closed',
    meaning:
      'A `$`, `$$`, `\\(`, `\\[` or LaTeX environment is opened and not closed, so the math after ' +
      'it cannot be delimited.',
    example: { kind: 'markdown', text: 'Some $x = 1 and more text\n' },
    action: 'Add the closing delimiter; write `\\$` for a literal dollar sign.',
  },
  {
    code: 'directive',
    kind: 'problem',
    level: 'warning',
    title: 'A directive that could not be read',
    meaning:
      'A `<!-- derive: … -->` comment (or `% derive:` line) holds a setting with a wrong value, an ' +
      'unknown code in `derive-disable-next-line`, or a comment that is never closed.',
    example: { kind: 'markdown', text: '<!-- derive: trials many -->\n' },
    action:
      'Write the setting as docs/language.md shows (`trials N`, `tolerance X`, `seed N`, `assume ' +
      'C`, `skip`, `off`, `on`, `star correlation`); see `derivcheck explain` for the codes a ' +
      'suppression may name.',
  },
  {
    code: 'declaration',
    kind: 'problem',
    level: 'note',
    title: 'A declaration that could not be used',
    meaning:
      '`S \\in SET` where SET cannot be sampled (an empty interval, an unknown subset of ℝ); the ' +
      'names stay unknown.',
    example: { kind: 'markdown', text: '<!-- derive: t \\in (3, 1) -->\n' },
    action:
      'Write a set derivcheck samples: `\\mathbb{R}^{m \\times n}`, an interval `(a, b)` with a < ' +
      'b, `\\mathbb{R}_{>0}`, `\\mathbb{Z}`, a finite set `\\{1, 2, 3\\}`.',
  },
  {
    code: 'definition',
    kind: 'problem',
    level: 'note',
    title: 'A definition that could not be used',
    meaning:
      '`X := e` whose left side is not a name, a function `f(x)` or an element `A_{ij}`, or a name ' +
      'defined in terms of itself; or a macro definition (`\\newcommand`, `\\def`) that could not ' +
      'be read or that expands without end.',
    example: { kind: 'markdown', text: '<!-- derive: 2 + x := 3 -->\n' },
    action:
      'Put a single name (or `f(x)`, or `A_{ij}`) on the left of `:=`; to state a relation, use ' +
      '`=` in a claim. Write a macro as `\\newcommand{\\name}[n]{body}` whose body does not use ' +
      'the macro itself.',
  },
  {
    code: 'input',
    kind: 'problem',
    level: 'warning',
    title: 'A document that could not be read, in whole or in part',
    meaning:
      'The reader stopped on the document as a whole (it is not text, it is over the size limit, or ' +
      'reading it failed), or on part of it (a passage of more than 1 MB with no blank line, ' +
      'block quotes and lists nested more than 100 deep); everything else is still checked, and ' +
      'the command line exits 2.',
    example: null,
    action:
      'Make sure the file is UTF-8 Markdown or LaTeX; split a document over the size limit (or ' +
      'raise it with --max-file-size), put blank lines between the blocks of a long passage, and ' +
      'nest quotes and lists less deeply. If the message persists, report it with the file.',
  },
];

const BY_CODE = new Map(CODES.map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo | undefined {
  return BY_CODE.get(code);
}

/** The codes a finding can have (what suppression comments and baselines may name). */
export const FINDING_CODES: readonly string[] = CODES.filter((c) => c.code !== 'verified').map((c) => c.code);

/** One entry as `derivcheck explain CODE` prints it. */
export function explainText(info: CodeInfo): string {
  const lines = [`${info.code}: ${info.title}`, '', wrap(info.meaning), ''];
  if (info.example) {
    lines.push(
      `Example (${info.example.kind === 'latex' ? 'LaTeX' : 'Markdown'}):`,
      '',
      ...info.example.text
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => `    ${l}`),
      '',
    );
  }
  lines.push(`What to do: ${wrap(info.action, 12).trimStart()}`);
  return `${lines.join('\n')}\n`;
}

/** docs/codes.md. */
export function codesMarkdown(): string {
  const out = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from server/src/codes.ts by `npm run docs:codes`; edit the table there. -->',
    '',
    'Every finding derivcheck reports carries one of these codes: in `--format json` (`code`), as the',
    'SARIF rule id, in the title of a GitHub annotation, and in the text output. `derivcheck explain CODE`',
    'prints the entry below. Suppression comments and baselines name findings by these codes',
    '(see the [Command line](../README.md#command-line) section).',
    '',
    '| code | kind | level | meaning |',
    '|---|---|---|---|',
    ...CODES.map((c) => `| [\`${c.code}\`](#${c.code}) | ${c.kind} | ${c.level} | ${c.title} |`),
    '',
  ];
  for (const c of CODES) {
    out.push(`## ${c.code}`, '', `**${c.title}.** ${c.meaning}`, '');
    if (c.example)
      out.push(
        `For example:`,
        '',
        `\`\`\`${c.example.kind === 'latex' ? 'latex' : 'markdown'}`,
        c.example.text.replace(/\n$/, ''),
        '```',
        '',
      );
    out.push(`**What to do.** ${c.action}`, '');
  }
  return out.join('\n');
}

function wrap(text: string, indent = 0, width = 96): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = ' '.repeat(indent);
  for (const w of words) {
    if (line.trim() && line.length + 1 + w.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + w;
    } else line += (line.trim() ? ' ' : '') + w;
  }
  if (line.trim()) lines.push(line);
  return lines.join('\n');
}
