// The variable of an evaluation bar or bracket written with bounds alone (`\left[x e^x\right]_0^1`,
// `x^3 - x^2 \Big|_0^2`). A reader takes it from the integral the bar evaluates — the one integral of
// the span, `\int_0^1 x e^x\,dx = [x e^x]_0^1 - …` — or else from the body's one letter. Otherwise
// it stays unwritten, and a claim with it is unchecked, asking for `\Big|_{x=0}^{1}`.
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
