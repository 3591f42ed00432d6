// The variable of an evaluation bar or bracket written with bounds alone (`\left[x e^x\right]_0^1`,
// `x^3 - x^2 \Big|_0^2`). A reader takes it from the integral the bar evaluates — the one integral of
// the span, `\int_0^1 x e^x\,dx = [x e^x]_0^1 - …` — or else from the body's one letter. Otherwise
// it stays unwritten, and a claim with it is unchecked, asking for `\Big|_{x=0}^{1}`. A bar written
// after terms with no bracket leaves the terms without its variable outside the difference.
import type { Node, Statement, SymNode } from '../tree';
import { freeNames, walk } from '../walk';

type At = Extract<Node, { kind: 'at' }>;

/** Letters that name constants unless a document says otherwise: they are no bar's variable. */
const CONSTANTS = new Set(['e', '\\pi', 'i']);

export function nameBarVariables(statements: Statement[]): void {
  const bars: At[] = [];
  const integrals = new Map<string, SymNode>();
  for (const st of statements)
    for (const side of st.sides)
      walk(side, (x) => {
        if (x.kind === 'at' && x.implicit) bars.push(x);
        if (x.kind === 'integral' && x.variable) integrals.set(x.variable.name, x.variable);
      });
  for (const bar of bars) {
    const v = integrals.size === 1 ? [...integrals.values()][0] : oneLetter(bar.body);
    if (v !== null) {
      bar.variable = v;
      delete bar.implicit;
    }
  }
  for (const st of statements)
    for (const side of st.sides)
      walk(side, (x) => {
        if (x.kind === 'at' && x.unbracketed && !x.implicit)
          x.body = withoutConstants(x.body, x.variable.name);
      });
}

/**
 * The body at the lower bound of a bar written after terms with no bracket (`\pi + \sin x\Big|_0^\pi`):
 * its terms that do not use the variable stand outside the difference — inside it they would
 * cancel, and no author writes a term there to have it cancel — so they count once, at the upper
 * value, and are 0 here. A body whose terms all leave the variable out is kept whole.
 */
function withoutConstants(body: Node, variable: string): Node {
  const uses = (n: Node): boolean => freeNames(n).includes(variable);
  if (!uses(body)) return body;
  const strip = (n: Node): Node => {
    if (n.kind === 'bin' && (n.op === '+' || n.op === '-'))
      return { ...n, left: strip(n.left), right: strip(n.right) };
    return uses(n) ? n : { kind: 'num', value: 0, text: '0', start: n.start, end: n.end };
  };
  return strip(body);
}

/** The one name the body uses, constants aside; null when there are none or several. */
function oneLetter(body: Node): SymNode | null {
  const names = new Set(freeNames(body).filter((n) => !CONSTANTS.has(n)));
  if (names.size !== 1) return null;
  const [name] = names;
  let found: SymNode | null = null;
  walk(body, (x) => {
    if (found === null && x.kind === 'sym' && x.name === name) found = x;
  });
  return found;
}
