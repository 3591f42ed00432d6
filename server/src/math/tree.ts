// The expression tree. Every node carries the document range [s, e) of the source it came from,
// so that hovers, diagnostics and counterexamples can point back into the text.

export interface Span {
  start: number;
  end: number;
}

export type BinOp =
  | '+'
  | '-'
  | 'juxt'
  | 'cdot'
  | 'times'
  | '/'
  | 'odot'
  | 'otimes'
  | 'star'
  | 'ast'
  | 'pm'
  | 'setminus';
export type CmpOp =
  | '='
  | ':='
  | '\\approx'
  | '\\neq'
  | '<'
  | '>'
  | '\\le'
  | '\\ge'
  | '\\in'
  | '\\sim'
  | '\\notin'
  | '\\mid'
  | '\\propto'
  | '\\equiv'
  | '\\nequiv'
  | '\\iff'
  | '\\to'
  | '\\mapsto'
  | '\\other'
  | '\\gg'
  | '\\ll'
  | '\\succ'
  | '\\prec'
  | '\\succeq'
  | '\\preceq'
  | '\\leftrightarrow'
  | ':';
/** The name a placeholder argument (`\\sigma(\\cdot)`) reads as; it is sampled like a declared real. */
export const PLACEHOLDER = '\\cdot';

export type ExpectOp = 'E' | 'Var' | 'Cov' | 'P';
export type PostOp = 'T' | 'inv' | 'invT' | 'pinv';

export interface SymNode extends Span {
  kind: 'sym';
  /** Lookup key: accents, base and subscript/superscript labels, fonts dropped (`\check{\Gamma}_1`). */
  name: string;
  /** The key without the subscript, for element access `A_{ij}` and patterns `W_i`. */
  stem: string;
  base: string;
  /** Subscript items when the subscript can be read as indices (`ij` → [i, j], `i,j`, `i-k`). */
  sub: Node[] | null;
  /** Canonical subscript text, or null. */
  subText: string | null;
  primes: number;
  /**
   * The font the name was written in when it is not the ordinary one (`\mathbf{x}` → `bold`). It
   * is not part of the lookup key: it only lets a check notice a name written unlike its declaration.
   */
  font?: string;
  /**
   * Written in `\mathrm` or `\textrm` (`18\,\mathrm{J}`, each letter of `\mathrm{m/s}`): after a
   * number such a letter may be a unit (quantities.ts). Not part of the lookup key either.
   */
  upright?: true;
}

export interface BigOpIndex {
  name: string;
  from: Node | null;
  to: Node | null;
  set: Node | null;
  raw: Node | null;
}

export type Node =
  | (Span & { kind: 'num'; value: number; text: string })
  | SymNode
  | (Span & { kind: 'word'; name: string })
  | (Span & { kind: 'neg'; operand: Node })
  /**
   * `apply` marks `f (…)^2`, `f (…)_i`: a name before a bracket that carries a script. As a
   * product (the tree as built) the script binds to the bracket; when the model says the name
   * is a function, the checker reads `f(…)` first and puts the script on the call.
   */
  | (Span & { kind: 'bin'; op: BinOp; left: Node; right: Node; apply?: boolean })
  | (Span & { kind: 'pow'; base: Node; exponent: Node })
  /**
   * `dagger`: written `^\dagger`, which physics reads as the adjoint (claim/readings.ts); `prime`: a
   * transpose written with a prime (`X'`, `(AB)'`), which a number does not take.
   */
  | (Span & {
      kind: 'post';
      op: PostOp;
      operand: Node;
      dagger?: boolean;
      prime?: true;
      /** A transpose written with a letter, `^T` or `^\tau`, which may also be a power (model/scalarPowers.ts). */
      letter?: 'T' | '\\tau';
    })
  | (Span & { kind: 'subscript'; base: Node; indices: Node[]; bracket?: boolean })
  | (Span & { kind: 'frac'; numerator: Node; denominator: Node })
  | (Span & { kind: 'sqrt'; radicand: Node; degree: Node | null })
  /** `natural`: a logarithm written `\ln`, natural whatever base the document states for `\log`. */
  | (Span & {
      kind: 'call';
      fn: string;
      args: Node[];
      sub: Node | null;
      sup: Node | null;
      paren: boolean;
      natural?: boolean;
    })
  /** `given`: the index of the first argument after a conditioning bar, `p(x \mid z)`. */
  | (Span & { kind: 'apply'; f: SymNode; args: Node[]; given?: number })
  | (Span & { kind: 'group'; open: string; close: string; items: Node[] })
  | (Span & { kind: 'abs'; operand: Node })
  | (Span & { kind: 'norm'; operand: Node; p: Node | null })
  | (Span & { kind: 'floor'; operand: Node })
  | (Span & { kind: 'ceil'; operand: Node })
  | (Span & { kind: 'matrix'; env: string; rows: Node[][] })
  | (Span & { kind: 'cases'; rows: { value: Node; cond: Node | null }[] })
  | (Span & { kind: 'bigop'; op: 'sum' | 'prod'; index: BigOpIndex | null; body: Node })
  /** `at`: the point written after the derivative, `\frac{dg}{dt}(s)`. */
  | (Span & {
      kind: 'deriv';
      of: Node | null;
      wrt: Node;
      order: number;
      style: 'partial' | 'd' | 'nabla';
      at?: Node[];
      /**
       * The operator's operand ended at an explicit `\cdot` or `\times` that more factors follow
       * (`\frac{d}{dy} y^2 \times (y + 1)`): read as the operator applied to `y^2` only, which
       * some authors (and SymPy's printer) do not mean.
       */
      cutAtProduct?: true;
      /**
       * `\nabla f` with no subscript and no argument: the gradient of a function in its one
       * parameter, which only its definition names (check/compile/derivatives.ts); `wrt` holds f.
       */
      bareGradient?: true;
    })
  /** `f''(x)`; `f^{(3)}(x)` also carries its reading as a labelled name, `f^{(3)}`. */
  | (Span & { kind: 'prime'; f: SymNode; args: Node[]; label?: SymNode })
  /**
   * `\\int_a^b f\\,dx`. `lower` alone is a region (`\\int_\\Omega`); `variable` is null when no
   * differential was written; `sign` tells double, triple and contour integrals apart.
   */
  | (Span & {
      kind: 'integral';
      sign: 'int' | 'iint' | 'iiint' | 'oint';
      lower: Node | null;
      upper: Node | null;
      variable: SymNode | null;
      body: Node;
      /** A Laplace transform written as its integral (model/laplaceTransform.ts): its variable s. */
      transform?: SymNode;
    })
  /**
   * `\mathbb{E}`, `\operatorname{Var}`, `\operatorname{Cov}` (its body a list of two) and the
   * probability of an event, `\Pr`, `\mathbb{P}`; `given` is what follows a conditioning bar.
   */
  | (Span & { kind: 'expect'; op: ExpectOp; sub: Node | null; body: Node; given?: Node | null })
  | (Span & { kind: 'indicator'; cond: Node })
  /**
   * `\lim_{x \to a} f(x)`, `\lim_{n\to\infty} a_n`, `\lim_{x \to 0^+}`: `side` is the side a one-sided
   * limit approaches from; `to` is `\infty` (or its negation) for a limit at infinity.
   */
  | (Span & { kind: 'limit'; variable: SymNode; to: Node; side: '+' | '-' | null; body: Node })
  /**
   * `\left. f(x) \right|_{x=a}`, `f(x) \Big|_{x=a}`: `body` with `variable` given `value`. A bar or
   * bracket with bounds alone (`\left[x e^x\right]_0^1`) leaves the variable unwritten: `implicit`,
   * until the span's integral or the body's one letter names it (parser/barVariables.ts). `unbracketed`
   * marks the lower value of a bar written after terms with no bracket around them, whose terms
   * without the variable stand outside the difference (barVariables.ts).
   */
  | (Span & { kind: 'at'; body: Node; variable: SymNode; value: Node; implicit?: true; unbracketed?: true })
  /** `set`: written `\cup` or `\cap` (a relation not evaluated, `\other`), kept for set counts. */
  | (Span & { kind: 'cmp'; op: CmpOp; left: Node; right: Node; set?: '\\cup' | '\\cap' })
  | (Span & { kind: 'fact'; operand: Node })
  | (Span & { kind: 'binom'; n: Node; r: Node })
  | (Span & { kind: 'dots' })
  | (Span & { kind: 'list'; items: Node[] })
  | (Span & { kind: 'text'; text: string })
  | (Span & { kind: 'error'; message: string });

export interface RelationToken extends Span {
  op: CmpOp;
  /** The modulus of a congruence, written after the chain (`\\pmod{n}`). */
  modulus?: Node;
}

/** One chain of relations: sides[0] ops[0] sides[1] ops[1] sides[2] … */
export interface Statement extends Span {
  sides: Node[];
  ops: RelationToken[];
  /** True when the chain started with a relation and continues the previous line's last side. */
  continued: boolean;
  /**
   * `A_{ij} = 0 \quad \text{for } j > i`: the chain follows "for", "if", "when" (or "for all" before
   * an inequation) in the display and limits the relation before it rather than claiming anything.
   */
  qualifies?: boolean;
  /**
   * `\text{a} &: p_{nb} = 0.45`, `\varnothing: (p_b, p_{nb}) = (0.3, 0)`: the row starts with a label
   * and a colon, as written (its source text); the relation after it is about that label.
   */
  label?: string;
}

export interface MathProblem extends Span {
  code: 'syntax';
  message: string;
}

export interface ParsedMath {
  statements: Statement[];
  /** Equation name from `\tag{…}`, a trailing `\quad (3)` or a leading `(3.1)`. */
  tag: string | null;
  problems: MathProblem[];
}

/** The registry's name of the normal density at a point, `\mathcal{N}(x; \mu, \sigma^2)` (functions/normalDensity.ts). */
export const NORMAL_DENSITY = 'normalpdf';
