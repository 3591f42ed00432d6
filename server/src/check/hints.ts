// What to declare for a name the claim uses but nothing defines, fitted to how it is used: a
// name applied to arguments is a function to define, a name an expectation ranges over is a
// random variable (`\sim`), and a name in a product with known tensors gets a shape from them.
// A declaration is offered only after the claim has been checked with it and not refuted, so a
// hint never turns an unchecked claim into a wrong one.
import type { Node, SymNode } from '../math/tree';
import type { Claim, DeclSpec } from '../model/types';
import { walk } from '../model/names';
import { UnknownName } from './errors';
import { relevantNames } from './relevant';

/** The unknown names of a claim, with the nodes that use them. */
export class UnknownInClaim extends UnknownName {
  constructor(
    names: string[],
    readonly nodes: SymNode[],
  ) {
    super(names, nodes[0].start, nodes[0].end);
  }
}

export interface UnknownHints {
  message: string;
  details: string[];
  /** Directive statements, tested on the claim, that a quick fix may insert. */
  declarations: string[];
}

/** What checking the claim with a candidate declaration gave. */
export interface Trial {
  verdict: 'verified' | 'refuted' | 'unchecked';
  code: string;
  message: string;
}

/** Candidate checks per claim: each is a full check of a few trials. */
const MAX_CANDIDATES = 13;

export function unknownHints(
  claim: Claim,
  nodes: SymNode[],
  source: string,
  display: (name: string) => string,
  check: (c: Claim) => Trial,
): UnknownHints {
  const inClaim = nodes.filter((n) => n.start >= claim.start && n.end <= claim.end);
  const elsewhere = nodes.filter((n) => !inClaim.includes(n));
  const parts: string[] = [];
  // A few names say what is missing; a long list would flood the message (a family a_0 … a_99).
  const listed = inClaim.slice(0, 8).map((n) => display(n.name));
  if (inClaim.length > 8) listed.push(`… (${inClaim.length - 8} more)`);
  if (inClaim.length) parts.push(`unknown ${inClaim.length > 1 ? 'names' : 'name'} ${listed.join(', ')}`);
  for (const n of elsewhere.slice(0, 8)) {
    const def = definitionContaining(claim, n);
    parts.push(
      `unknown name ${display(n.name)} in ` +
        `${def ? `the definition of ${display(def)}` : `\`${source.slice(n.start, n.end)}\``}`,
    );
  }
  const message = `unchecked: ${parts.join('; ')}`;

  const details: string[] = [];
  const declarations: string[] = [];
  const plain: SymNode[] = [];
  for (const n of inClaim) {
    const use = useOf(claim, n.name);
    if (use === 'function') {
      details.push(
        `${display(n.name)} is applied to arguments: define it before this line, e.g. <!-- derive: ` +
          `${n.name}(x) := … -->`,
      );
    } else if (use === 'random') {
      details.push(
        `${display(n.name)} is what an expectation ranges over: give its distribution, e.g. <!-- ` +
          `derive: ${n.name} \\sim \\mathrm{Bernoulli}(p) -->`,
      );
    } else {
      plain.push(n);
    }
  }
  // Names used only in definitions elsewhere are declared where those definitions are.
  if (plain.length && elsewhere.length === 0 && plain.length === inClaim.length) {
    const { holds, fits } = tryDeclarations(claim, plain, source, check);
    if (holds) {
      declarations.push(...holds);
      details.push(
        `Declare ${plain.length > 1 ? 'them' : 'it'} or define ${plain.length > 1 ? 'them' : 'it'} ` +
          `before this line, e.g. <!-- derive: ${holds.join('; ')} -->`,
      );
    } else if (fits) {
      // The shapes fit but random values refute the claim: the name stands for something definite.
      details.push(
        `The claim is formed with ${fits.join('; ')}, but random values refute it: define ` +
          `${plain.length > 1 ? 'them' : 'it'} before this line ` +
          `(${plain.map((n) => `${n.name} := …`).join('; ')})`,
      );
    } else {
      details.push(
        `Declare ${plain.length > 1 ? 'them' : 'it'} or define ${plain.length > 1 ? 'them' : 'it'} ` +
          `before this line (the claim is refuted with every shape tried here, so none is suggested)`,
      );
    }
  } else if (plain.length) {
    details.push(`Declare or define ${plain.map((n) => display(n.name)).join(', ')} before this line`);
  }
  if (elsewhere.length)
    details.push(
      `Declare or define ${elsewhere.map((n) => display(n.name)).join(', ')} before the definition ` +
        `that uses ${elsewhere.length > 1 ? 'them' : 'it'}`,
    );
  return { message, details, declarations };
}

function definitionContaining(claim: Claim, n: SymNode): string | null {
  for (const e of claim.env.entries())
    if (e.kind === 'def' && e.expr.start <= n.start && n.end <= e.expr.end) return e.name;
  return null;
}

/** How the claim uses a name: applied, ranged over by an expectation, in a product, or plain. */
function useOf(claim: Claim, name: string): 'function' | 'random' | 'product' | 'value' {
  let use: 'function' | 'random' | 'product' | 'value' = 'value';
  const visit = (root: Node) =>
    walk(root, (x) => {
      if ((x.kind === 'apply' || x.kind === 'prime') && x.f.name.replace(/'+$/, '') === name)
        use = 'function';
      if (use !== 'function' && x.kind === 'expect' && x.sub)
        walk(x.sub, (y) => {
          if (y.kind === 'sym' && y.name === name) use = 'random';
        });
      if (
        use === 'value' &&
        x.kind === 'bin' &&
        (x.op === 'juxt' || x.op === 'cdot') &&
        (isSym(x.left, name) || isSym(x.right, name))
      )
        use = 'product';
    });
  visit(claim.lhs);
  visit(claim.rhs);
  return use;
}

function isSym(n: Node, name: string): boolean {
  return (n.kind === 'sym' && n.name === name) || (n.kind === 'post' && isSym(n.operand, name));
}

/** The sizes in the declarations of the names the claim uses (at most three). */
function sizesInUse(claim: Claim, source: string): Node[] {
  const out: Node[] = [];
  const seen = new Set<string>();
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'decl') continue;
    for (const d of e.spec.shape) {
      const t = source.slice(d.start, d.end).trim();
      if (!t || seen.has(t) || out.length >= 3) continue;
      seen.add(t);
      out.push(d);
    }
  }
  return out;
}

function specText(spec: DeclSpec, source: string): string {
  if (spec.shape.length === 0) return '\\mathbb{R}';
  return `\\mathbb{R}^{${spec.shape.map((d) => source.slice(d.start, d.end).trim()).join(' \\times ')}}`;
}

/** Shapes to try for each name, the use's likeliest first. */
function candidates(claim: Claim, n: SymNode, sizes: Node[]): DeclSpec[] {
  const scalar: DeclSpec = { set: 'real', shape: [] };
  const vectors = sizes.map((d): DeclSpec => ({ set: 'real', shape: [d] }));
  const matrices = sizes.flatMap((a) => sizes.map((b): DeclSpec => ({ set: 'real', shape: [a, b] })));
  return useOf(claim, n.name) === 'product'
    ? [...matrices, ...vectors, scalar]
    : [scalar, ...vectors, ...matrices];
}

function tryDeclarations(
  claim: Claim,
  names: SymNode[],
  source: string,
  check: (c: Claim) => Trial,
): { holds: string[] | null; fits: string[] | null } {
  const sizes = sizesInUse(claim, source);
  const lists = names.map((n) => candidates(claim, n, sizes));
  // One name: its shapes in order. Several: every name its likeliest shape, then all scalars.
  const combos: DeclSpec[][] =
    names.length === 1
      ? lists[0].map((s) => [s])
      : [lists.map((l) => l[0]), names.map(() => ({ set: 'real', shape: [] }) as DeclSpec)];
  let fits: string[] | null = null;
  // Each candidate is checked under a small work budget of its own (claim.ts), so the hints are
  // the same on any machine; one that runs out of it proves nothing and is not suggested.
  for (const combo of combos.slice(0, MAX_CANDIDATES)) {
    let env = claim.env;
    combo.forEach((spec, i) => {
      env = env.with({ kind: 'decl', name: names[i].name, pattern: false, spec, at: claim.start });
    });
    const r = check({
      ...claim,
      env,
      settings: { ...claim.settings, trials: Math.min(claim.settings.trials, 5) },
    });
    const statements = combo.map((spec, i) => `${names[i].name} \\in ${specText(spec, source)}`);
    if (/^unchecked: over budget/.test(r.message)) continue;
    if (r.verdict !== 'refuted') return { holds: statements, fits: null };
    if (
      !fits &&
      r.code !== 'shape' &&
      !/different shapes/.test(r.message) &&
      combo.some((spec) => spec.shape.length > 0)
    )
      fits = statements;
  }
  return { holds: null, fits };
}
