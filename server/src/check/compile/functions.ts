// Function application: calls of the registry and of defined functions, inverse functions, max and
// min over an index, and what makes a name a function.
import type { Node, SymNode } from '../../math/tree';
import type { Entry } from '../../model/types';
import { indexLetters, walk } from '../../model/names';
import {
  type CompileEnv,
  type Fn,
  findScope,
  type IndexScope,
  lookupWithScope,
  sharedBuild,
} from './context';
import { ShapeMismatch, UnknownName, Unsupported } from '../errors';
import {
  acceptsArity,
  arityText,
  displayName,
  type FunctionEntry,
  functionNamed,
  functionOfSymbol,
} from '../../functions/registry';
import { compileElided, readElided } from '../elidedList';
import { compile } from './core';
import { DISTRIBUTION_NAMES } from '../laws';
import type { Trial } from '../trial';
import * as V from '../values';
import type { Val } from '../values';
import { compileSequenceEntry, sequenceNamed } from '../sequences';
import { compileRecurrenceMember, computedFamily } from '../recurrences';
import { compilers, registerCompilers } from './table';
import { compileDifferentialOf } from '../differentials';
import { plainLogBase } from '../logBase';
import { angleReading, angleRole, statesItsUnit } from '../angleUnit';
import { readings } from './readings';
import { compileFormulaAtNumber } from './formulaAtNumber';
import { compileTableValue, listedValue, substituteIndex, tableOf, tableSupport } from './tableValues';

/** Registry names of the inverses that `\sin^{-1}` and its kin denote. */
const INVERSE_FUNCTION: Record<string, string> = {
  sin: 'asin',
  cos: 'acos',
  tan: 'atan',
  cot: 'arccot',
  sec: 'arcsec',
  csc: 'arccsc',
  sinh: 'asinh',
  cosh: 'acosh',
  tanh: 'atanh',
};

function isMinusOne(n: Node): boolean {
  if (n.kind === 'num') return n.value === -1;
  return n.kind === 'neg' && n.operand.kind === 'num' && n.operand.value === 1;
}

function compileCall(n: Extract<Node, { kind: 'call' }>, c: CompileEnv): Fn {
  const fn = n.fn;
  if (DISTRIBUTION_NAMES.has(fn))
    throw new Unsupported(`${fn}(…) is a distribution, not a value`, n.start, n.end);
  const f = functionNamed(fn);
  if (!f) throw new Unsupported(`function ${fn} is not known`, n.start, n.end);
  if (n.sub && f.subscript === 'index' && n.args.length === 1 && (fn === 'max' || fn === 'min')) {
    // \max_i x_i: a reduction over an index.
    return compileReduction(fn, n.sub, n.args[0], n, c);
  }
  if (INVERSE_FUNCTION[fn] && n.sup && isMinusOne(n.sup)) {
    // `\sin^{-1} x` is the inverse function arcsin, as in every textbook and in mathjs' printing,
    // never 1/\sin x; `\sin^2 x` stays a power. Other functions to the power -1 are ambiguous.
    const inv = functionNamed(INVERSE_FUNCTION[fn]);
    if (!inv)
      throw new Unsupported(
        `\\${fn}^{-1} is the inverse function ${INVERSE_FUNCTION[fn]}, which is not evaluated`,
        n.start,
        n.end,
      );
    return compileCall({ ...n, fn: inv.name, sup: null }, c);
  }
  // `\operatorname{diag}(p_i(1 - p_i))`: the diagonal matrix of the entries the index runs over.
  const over =
    f.name === 'diag' && n.args.length === 1 && !n.sub && !n.sup ? diagonalIndex(n.args[0], c) : null;
  if (over) return compileDiagonalOver(f, over, n.args[0], n, c);
  // The arguments first: an unknown name or unreadable notation in them is the more useful report.
  // `\operatorname{diag}(a_1, a_2, \dots, a_d)`: an elided list is one argument, the vector of its terms.
  const elided = n.args.length > 2 ? readElided(n.args) : null;
  const listed = elided ? compileElided(elided, c, n, compile) : null;
  const args = listed
    ? [(t: Trial) => V.vectorOf(listed(t), false, n)]
    : (writtenEntries(f, n, c) ?? n.args.map((a) => compile(a, c)));
  const name = displayName(f);
  const refuse =
    (message: string, at: Node = n): Fn =>
    () => {
      throw new Unsupported(message, at.start, at.end);
    };
  if (f.kind === 'unevaluated' && f.name === 'lg' && !n.sub && !n.sup) return compileLg(n, f.reason, c);
  if (f.kind === 'unevaluated') return refuse(f.reason);
  if (n.sup && isMinusOne(n.sup)) {
    return refuse(
      `${name}^{-1} is the inverse function to some authors and 1/${name} to others: write the ` +
        `inverse by its name (as \\arcsin for \\sin), or (${name} x)^{-1}`,
    );
  }
  if (!acceptsArity(f, args.length)) return refuse(`${name} takes ${arityText(f)}, given ${n.args.length}`);
  if (n.sub && f.subscript !== 'base') return refuse(`a subscript on ${name} is not evaluated`, n.sub);
  const base = n.sub ? compile(n.sub, c) : null;
  const sup = n.sup ? compile(n.sup, c) : null;
  const plainLog = f.name === 'log' && !n.sub && !n.natural;
  // A bare angle may be in degrees where the document says so (../angleUnit.ts).
  const role = statesItsUnit(n.args) ? null : angleRole(f.name);
  return (t) => {
    const angle = role === 'result' && angleReading.degreeSignWritten ? null : role;
    if (angle) angleReading.met = true;
    const inDegrees = angle !== null && angleReading.degrees;
    const values = args.map((a) => a(t));
    let r = V.call(
      f,
      inDegrees && angle === 'argument' ? values.map((v) => V.times(v, V.scalar(Math.PI / 180), n)) : values,
      n,
    );
    if (inDegrees && angle === 'result') r = V.times(r, V.scalar(180 / Math.PI), n);
    // log_b x = ln x / ln b; a plain \log takes the base the document states (../logBase.ts).
    if (base) r = V.divide(r, V.call(f, [base(t)], n), n);
    const stated = plainLog ? plainLogBase(t) : null;
    if (stated !== null) r = V.divide(r, V.scalar(Math.log(stated)), n);
    return sup ? V.power(r, sup(t), n) : r;
  };
}

/**
 * The one index letter an argument of diag writes and nothing gives a meaning — no sum, function,
 * declaration or size binds it — on an array it subscripts (`p_i`, `\sigma_i^2`, `x_{i}`), or null.
 * `\operatorname{diag}(p_i(1 - p_i))` is the diagonal matrix whose i-th entry is that formula: diag
 * of one number is no matrix anyone writes.
 */
function diagonalIndex(arg: Node, c: CompileEnv): string | null {
  const letters = new Set<string>();
  // A letter a sum or product inside the argument binds is that sum's.
  const inside = new Set<string>();
  walk(arg, (x) => {
    const bound =
      x.kind === 'bigop' ? x.index?.name : x.kind === 'call' && x.sub?.kind === 'sym' ? x.sub.name : null;
    if (bound) inside.add(bound);
  });
  walk(arg, (x) => {
    if (x.kind !== 'sym' || !x.sub || x.sub.length !== 1) return;
    const stem = lookupWithScope(c, x.stem);
    if (!stem || lookupWithScope(c, x.name)) return;
    for (const i of indexLetters(x.sub[0])) {
      // A free index the claim opened elsewhere is still no sum's or function's: diag runs over it.
      const bound =
        c.scopes.some((s) => s.name === i.name) || (c.locals.has(i.name) && !findScope(c, i.name));
      if (!bound && !inside.has(i.name) && !lookupWithScope(c, i.name) && !c.env.isDimension(i.name))
        letters.add(i.name);
    }
  });
  return letters.size === 1 ? [...letters][0] : null;
}

/** diag of a formula in an index: its values over the index's range, on the diagonal. */
function compileDiagonalOver(diag: FunctionEntry, name: string, arg: Node, n: Node, c: CompileEnv): Fn {
  const scope: IndexScope = { name, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, name]), scopes: [...c.scopes, scope] };
  const f = compile(arg, inner);
  return (t) => {
    const size = t.rangeOf(scope.sources, name, n);
    const entries: Val[] = [];
    for (let i = 1; i <= size; i++) {
      t.bind(name, i);
      try {
        entries.push(f(t));
      } finally {
        t.unbind(name);
      }
    }
    return V.call(diag, [V.vectorOf(entries, false, n)], n);
  };
}

function compileReduction(fn: 'max' | 'min', sub: Node, body: Node, n: Node, c: CompileEnv): Fn {
  const name = sub.kind === 'sym' ? sub.name : null;
  if (!name) throw new Unsupported(`\\${fn} over this subscript is not evaluated`, n.start, n.end);
  // `\max_a Q(C, a)` over the actions a table of Q lists at C (./tableValues.ts).
  const support = tableSupport(body, name, c);
  if (support) {
    const each = support.map((atom) => compile(substituteIndex(body, name, atom), c));
    return (t) => each.map((g) => g(t)).reduce((best, v) => V.call(fn, [best, v], n));
  }
  const scope: IndexScope = { name, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, name]), scopes: [...c.scopes, scope] };
  const f = compile(body, inner);
  return (t) => {
    const size = t.rangeOf(scope.sources, name, n);
    let best: Val | null = null;
    for (let i = 1; i <= size; i++) {
      t.bind(name, i);
      try {
        const v = f(t);
        best = best === null ? v : V.call(fn, [best, v], n);
      } finally {
        t.unbind(name);
      }
    }
    if (best === null) throw new Unsupported(`empty range for \\${fn}`, n.start, n.end);
    return best;
  };
}

/**
 * Whether a name written before a bracket is applied to it. Only a function is: a name defined
 * with parameters (`f(x) := …`) or declared with a signature (`f: \mathbb{R} \to \mathbb{R}`),
 * or `\sigma`, the sigmoid, when the document gives it no other meaning. Any value — declared,
 * defined, a size, an index, an entry of a tensor — multiplies. An unknown name is read as a
 * function: the claim is then unchecked for that name either way.
 */
export function isFunctionName(f: SymNode, c: CompileEnv): boolean {
  if (c.locals.has(f.name)) return false;
  const found = lookupWithScope(c, f.name);
  if (found) return found.entry.kind === 'fn' || (found.entry.kind === 'def' && found.entry.params !== null);
  // A letter read as any number (freeLetters.ts) is a value: `b(1 + y)^2` is b times the square.
  if (c.env.isDimension(f.name) || isUnboundConstant(f) || c.variables.has(f.name)) return false;
  if (
    f.subText !== null &&
    (lookupWithScope(c, f.stem) || c.env.lookupPattern(f.stem) || c.locals.has(f.stem))
  )
    return false;
  return true;
}

/** π or Euler's e with no meaning from the document: a constant, which multiplies a bracket after it. */
function isUnboundConstant(f: SymNode): boolean {
  return (f.name === '\\pi' || f.name === 'e') && f.primes === 0;
}

/** `f (a)^2` read as `(f(a))^2`: the bracket's scripts move onto the call. */
function callFirst(f: SymNode, scripted: Node): Node {
  if (scripted.kind === 'group')
    return { kind: 'apply', f, args: scripted.items, start: f.start, end: scripted.end };
  // One branch per field name: the script that renamed the tree's fields needs each literal to
  // name one kind's fields.
  if (scripted.kind === 'pow' || scripted.kind === 'subscript') {
    const moved: typeof scripted = { ...scripted, base: callFirst(f, scripted.base), start: f.start };
    return moved;
  }
  if (scripted.kind === 'post' || scripted.kind === 'fact') {
    const moved: typeof scripted = { ...scripted, operand: callFirst(f, scripted.operand), start: f.start };
    return moved;
  }
  return scripted;
}

/**
 * The largest entry of `param` its formula writes (`x_2` in `x_1^2 + 10x_2^2`: 2), when every use of
 * the parameter is an entry with a number (x itself never appears); 0 otherwise.
 */
function entriesUsed(expr: Node, param: SymNode): number {
  let most = 0;
  let whole = false;
  walk(expr, (x) => {
    if (x.kind !== 'sym' || x.base !== param.base) return;
    if (x.name === param.name) whole = true;
    else if (x.sub?.length === 1 && x.sub[0].kind === 'num' && Number.isInteger(x.sub[0].value))
      most = Math.max(most, x.sub[0].value);
  });
  return whole ? 0 : most;
}

/**
 * `H(p)` beside `H(p, q)`: information sheets define entropy and cross-entropy under one letter, told
 * apart by their number of arguments. A call whose count the newest rule does not take is the rule
 * of that count the same section gave earlier, when there is one; otherwise the newest, as before.
 */
function withArity(found: { entry: Entry } | null, c: CompileEnv, name: string, count: number) {
  const def = found?.entry;
  if (def?.kind !== 'def' || !def.params || def.params.length === count) return found;
  const other = c.env
    .lookupShadowed(name, c.block, 8)
    .find((e) => e.kind === 'def' && e.params?.length === count && e.section === def.section);
  return other ? { entry: other } : found;
}

function compileApply(n: Extract<Node, { kind: 'apply' }>, c: CompileEnv): Fn {
  const f = n.f;
  const found = c.locals.has(f.name) ? null : withArity(lookupWithScope(c, f.name), c, f.name, n.args.length);
  const seq = sequenceNamed(c, f.name);
  if (seq) return compileSequenceEntry(seq, compilers.singleIndex(n.args), n, c, compile);
  const family = computedFamily(c, f.name);
  if (family && n.args.length === 1 && n.given === undefined)
    return compileRecurrenceMember(family, n.args[0], n, c, compile);
  // `2\pi (1 - \phi)`, `e(1 + x)`: the constant, which the document never applied as a function
  // (model/appliedConstants.ts), times the bracket.
  if (
    !found &&
    !c.locals.has(f.name) &&
    isUnboundConstant(f) &&
    n.given === undefined &&
    n.args.length === 1
  ) {
    const constant = compilers.compileSym(f, c);
    const bracket = compile(n.args[0], c);
    return (t) => V.product(constant(t), bracket(t), n, 'matmul');
  }
  const differential = found ? null : compileDifferentialOf(n, c, compile, compilers.compileSym);
  if (differential) return differential;
  // `\hat\rho(1)`, `Q(C, L)` where running text gave the function values at listed points and no
  // rule (model/pointValues.ts): the table, evaluated at its points only.
  const table = !functionOfSymbol(f.name) && n.given === undefined ? tableOf(c, f.name) : null;
  if (table) return compileTableValue(f, n.args, table, n, c);
  const listed =
    found?.entry.kind === 'def' && found.entry.params ? listedValue(f, n.args, c, found.entry.at) : null;
  if (listed) return listed;
  if (found && found.entry.kind === 'fn' && found.entry.applied) {
    throw new Unsupported(
      `${f.name} is a function the document applies without giving its rule, so its values are not ` +
        `known: define it, e.g. ${f.name}(x) := …`,
      n.start,
      n.end,
    );
  }
  if (found && found.entry.kind === 'fn') {
    throw new Unsupported(
      `${f.name} is declared as a function but never defined, so its values are not known: define ` +
        `it, e.g. ${f.name}(x) := …`,
      n.start,
      n.end,
    );
  }
  if (found && found.entry.kind === 'def' && found.entry.params) {
    const def = found.entry;
    const params = def.params!;
    // `f(1, 1)` for `f(x) = \frac12(x_1^2 + 10x_2^2)`: a function of one vector, written through its
    // entries, given the point's coordinates — the call at the vector they make.
    if (params.length === 1 && n.args.length > 1 && entriesUsed(def.expr, params[0]) === n.args.length) {
      const last = n.args[n.args.length - 1];
      const point: Node = {
        kind: 'group',
        open: '(',
        close: ')',
        items: n.args,
        start: n.args[0].start,
        end: last.end,
      };
      return compileApply({ ...n, args: [point] }, c);
    }
    // `f(x^\star)` for `f(x_1, x_2) = …`, x^⋆ a point of two coordinates (`x^\star = (1.5, 0.5)`): the
    // function of several numbers at the point's entries, as `f(1, 1)` above is a function of one
    // vector at the vector its coordinates make.
    // A parameter declared a vector or matrix (a kernel's K(x, y)) is no coordinate.
    const spread =
      params.length > 1 &&
      n.args.length === 1 &&
      n.args[0].kind !== 'num' &&
      params.every((p) => {
        const declared = lookupWithScope(c, p.name)?.entry;
        return declared?.kind !== 'decl' || declared.spec.shape.length === 0;
      });
    if (params.length !== n.args.length && !spread)
      throw new Unsupported(
        `${f.name} takes ${params.length} argument${params.length === 1 ? '' : 's'}, given ${n.args.length}`,
        n.start,
        n.end,
      );
    if (c.compiling.has(def))
      throw new Unsupported(`${f.name} is defined in terms of itself`, n.start, n.end);
    const elsewhere =
      def.throughDefinitions && !spread
        ? params.find((p, k) => !(n.args[k].kind === 'sym' && (n.args[k] as SymNode).name === p.name))
        : undefined;
    if (elsewhere)
      throw new Unsupported(
        `${f.name}'s rule reaches ${elsewhere.name} only through quantities defined from the ` +
          `document's ${elsewhere.name}, so it is evaluated at ${elsewhere.name} alone; write the ` +
          `rule in ${elsewhere.name} itself to have it checked at other arguments`,
        n.start,
        n.end,
      );
    c.compiling.add(def);
    let body: Fn;
    try {
      body = sharedBuild(c, def, 'function', () => {
        const inner: CompileEnv = {
          ...c,
          locals: new Set(params.map((p) => p.name)),
          scopes: [],
          free: c.free,
        };
        return compile(def.expr, inner);
      });
    } finally {
      c.compiling.delete(def);
    }
    const args = spread
      ? entriesOfPoint(compile(n.args[0], c), params.length, f.name, n)
      : n.args.map((a, k) => zeroOfDeclaredShape(a, params[k], c) ?? compile(a, c));
    // A written number given to a parameter nothing declares (`J(0)` of `J(w) = \|Xw - y\|^2`): w may
    // be a vector, so a shape error inside the definition is about the reading, not the claim.
    const guessed = params.filter(
      (p, k) =>
        !spread && n.args[k].kind === 'num' && !lookupWithScope(c, p.name) && !c.variables.has(p.name),
    );
    // `\sigma(t) = 1/(1 + e^{-t})`, then `\mu = \sigma(Xw)` "elementwise": a rule written for a number,
    // given a vector, is meant entry by entry, which the rule's own arithmetic does not do; a shape
    // error inside it is about that reading, not about the claim.
    // A declaration that came after the rule (`z \in \mathbb{R}^K` for the softmax's logits, a
    // paragraph after σ(z)) says nothing of what the rule was written for.
    const undeclared = params.map((p) => {
      const declared = lookupWithScope(c, p.name);
      return (!declared || declared.entry.at > def.at) && !c.variables.has(p.name);
    });
    const call = (t: Trial) => {
      const values = args.map((a) => a(t));
      try {
        return t.withLocals(
          params.map((p) => p.name),
          values,
          () => body(t),
        );
      } catch (err) {
        if (!(err instanceof ShapeMismatch)) throw err;
        const k = values.findIndex((v, i) => undeclared[i] && V.tensorOf(v, n).size > 1);
        if (k < 0) throw err;
        const byEntry = entryByEntry(t, params, values, k, body, n);
        if (byEntry) return byEntry;
        throw new Unsupported(
          `${f.name}'s rule in ${params[k].name} is written for a number (${err.message}), and here it ` +
            `is given a vector or matrix, meant entry by entry, which the rule's arithmetic does not ` +
            `do; define what it gives by its entries (r_i = ${f.name}(…)) to have this checked`,
          n.start,
          n.end,
        );
      }
    };
    if (guessed.length === 0) return call;
    return (t) => {
      try {
        return call(t);
      } catch (err) {
        if (!(err instanceof ShapeMismatch)) throw err;
        const names = guessed.map((p) => p.name).join(', ');
        throw new Unsupported(
          `the shapes do not fit inside ${f.name}'s definition (${err.message}) with its argument read as ` +
            `a number; nothing declares the shape of ${names}: declare it (e.g. ${guessed[0].name} ` +
            '\\in \\mathbb{R}^{n}) to have this checked',
          n.start,
          n.end,
        );
      }
    };
  }
  // `\lambda_{\max}(A)`: a function named by a subscripted symbol, unless the document defines it.
  const subscripted = f.subText !== null && !found && !c.locals.has(f.name) ? functionOfSymbol(f.name) : null;
  if (subscripted && n.given === undefined) return compileSymbolFunction(subscripted, n, c);
  const isValue =
    found ||
    c.locals.has(f.name) ||
    c.bounds.has(f.name) ||
    c.variables.has(f.name) ||
    c.env.isDimension(f.name) ||
    (f.subText !== null &&
      (lookupWithScope(c, f.stem) ||
        c.env.lookupPattern(f.stem) ||
        (f.primes === 0 && computedFamily(c, f.stem))));
  const atNumber = found ? compileFormulaAtNumber(n, found.entry, c) : null;
  if (atNumber) return atNumber;
  if (isValue && n.given !== undefined)
    throw new Unsupported(
      `${f.name} is a value here, so ${f.name}(… | …) is neither a product nor a function: a bar ` +
        'inside its brackets reads as conditioning; rename the value or define the function',
      n.start,
      n.end,
    );
  const reading = isValue ? null : compilers.probabilityReading(n, c);
  if (reading) return reading;
  // `\sigma(1)` with σ a declared number: a product, or the sigmoid (a second reading, claim.ts).
  const named = f.subText === null ? functionOfSymbol(f.name) : null;
  if (isValue && named && n.args.length === 1 && n.given === undefined) {
    readings.metValueCall = true;
    if (readings.valueCallAsFunction) return compileSymbolFunction(named, n, c);
  }
  if (isValue) {
    // A value followed by parentheses multiplies: s(n - 1). One letter in brackets is not how a
    // product is written (s n, s \cdot n): φ(x) after φ ∈ (0, 1) is a map nobody defined.
    if (n.args.length !== 1) throw new Unsupported(`${f.name} is not a function`, n.start, n.end);
    const only = n.args[0];
    // A letter that also names a known function (σ) has that reading already (VALUE_OR_FUNCTION).
    if (isNumberLiteral(only) && !named) {
      readings.metValueAtNumber = true;
      if (readings.valueAtNumberAsFunction)
        throw new Unsupported(`${f.name} is no function the document defines`, n.start, n.end);
    }
    if (only.kind === 'sym')
      throw new Unsupported(
        `${f.name} is a value here, so ${f.name}(${only.name}) reads either as a product or as a ` +
          `function applied to ${only.name}: write ${f.name} ${only.name} for the product, or define the ` +
          `function (${f.name}(x) := …)`,
        n.start,
        n.end,
      );
    const fv = compilers.compileSym(f, c);
    const a = compile(n.args[0], c);
    return (t) => V.product(fv(t), a(t), n, 'matmul');
  }
  // A symbol that names a function when nothing else defines it: σ(z), Γ(x), Φ(x).
  const builtin = f.subText === null ? functionOfSymbol(f.name) : null;
  if (builtin && !c.env.lookupPattern(f.name)) return compileSymbolFunction(builtin, n, c);
  c.unknown.set(f.name, f);
  return () => {
    throw new UnknownName([f.name], f.start, f.end);
  };
}

function compileSymbolFunction(fn: FunctionEntry, n: Extract<Node, { kind: 'apply' }>, c: CompileEnv): Fn {
  if (!acceptsArity(fn, n.args.length))
    throw new Unsupported(
      `${n.f.name} as ${fn.about} takes ${arityText(fn)}, given ${n.args.length}`,
      n.start,
      n.end,
    );
  const args = n.args.map((a) => compile(a, c));
  // Γ or Φ of a vector is more likely a map the document has not defined than elementwise Γ or Φ.
  const scalarOnly = n.f.name !== '\\sigma' && fn.kind !== 'tensor';
  return (t) => {
    const values = args.map((a) => a(t));
    if (scalarOnly && values.some((v) => V.isIdentity(v) || v.v.size !== 1)) {
      throw new Unsupported(
        `${n.f.name} of a non-number is not read as ${fn.about}: declare or define ${n.f.name}`,
        n.start,
        n.end,
      );
    }
    return V.call(fn, values, n);
  };
}

declare module './table' {
  interface Compilers {
    compileCall: typeof compileCall;
    isFunctionName: typeof isFunctionName;
    callFirst: typeof callFirst;
    compileApply: typeof compileApply;
  }
}

registerCompilers({ compileCall, isFunctionName, callFirst, compileApply });

/**
 * `\operatorname{diag}(2, 3, 2)`, `\operatorname{softmax}(8, 0)`: a function of one vector given the
 * numbers of its entries, as textbooks and chat answers write it. Only numbers: `diag(A, B)` of
 * matrices is a block-diagonal matrix, and `softmax(u, v)` of vectors means no one vector.
 */
function writtenEntries(f: FunctionEntry, n: Extract<Node, { kind: 'call' }>, c: CompileEnv): Fn[] | null {
  if (!f.listedEntries || n.args.length < 2) return null;
  const items = n.args.map((a) => compile(a, c));
  const name = displayName(f);
  return [
    (t: Trial) => {
      const values = items.map((item) => V.dualOf(item(t), n));
      if (values.some((v) => v.v.size !== 1))
        throw new Unsupported(
          f.name === 'diag'
            ? 'diag of several matrices or vectors (a block-diagonal matrix) is not evaluated; ' +
                'write the matrix'
            : `${name} of several vectors or matrices is not evaluated; write the one vector it takes`,
          n.start,
          n.end,
        );
      return V.vectorOf(values, false, n);
    },
  ];
}

/**
 * `\ell(0)` of `\ell(w) = \frac12\|Xw - y\|^2` with `w \in \mathbb{R}^d`: a written 0 given to a
 * parameter the text declares as a vector or matrix is the zero of that shape, as a reader takes it.
 */
function zeroOfDeclaredShape(arg: Node, param: SymNode, c: CompileEnv): Fn | null {
  if (arg.kind !== 'num' || arg.value !== 0) return null;
  const entry = lookupWithScope(c, param.name)?.entry;
  if (entry?.kind !== 'decl' || entry.spec.shape.length === 0) return null;
  const spec = entry.spec;
  return (t) => V.product(V.scalar(0), t.sample(param.name, spec, arg), arg, 'matmul');
}

/**
 * `\sigma(Xw)` for `\sigma(t) = 1/(1 + e^{-t})`: the rule taken at each entry of a vector given to
 * its number parameter `k` (the others numbers), the results a vector again; null when the
 * argument is no vector, another argument is no number or the rule gives no number at an entry.
 */
function entryByEntry(t: Trial, params: SymNode[], values: Val[], k: number, body: Fn, n: Node): Val | null {
  const arg = V.tensorOf(values[k], n);
  if (arg.rank !== 1 || values.some((v, i) => i !== k && V.tensorOf(v, n).size !== 1)) return null;
  const entries: Val[] = [];
  for (let i = 1; i <= arg.shape[0]; i++) {
    const at = values.map((v, j) => (j === k ? V.element(v, [V.scalar(i)], n) : v));
    let out: Val;
    try {
      out = t.withLocals(
        params.map((p) => p.name),
        at,
        () => body(t),
      );
    } catch (err) {
      if (err instanceof ShapeMismatch) return null;
      throw err;
    }
    if (V.tensorOf(out, n).size !== 1) return null;
    entries.push(out);
  }
  return V.vectorOf(entries, false, n);
}

/** `0.9`, `-2`, `(3)`: a number written as the only thing in brackets. */
function isNumberLiteral(x: Node): boolean {
  if (x.kind === 'num') return true;
  if (x.kind === 'neg') return isNumberLiteral(x.operand);
  return x.kind === 'group' && x.items.length === 1 && isNumberLiteral(x.items[0]);
}

/**
 * `\lg x`: the base-10 logarithm of ISO 80000-2, physics, engineering and chemistry — read so in a
 * document that measures physical quantities or whose plain `\log` is base 10 (stated, or by the
 * convention of pH and decibels: model/logBase.ts); computer science writes it for log₂, so
 * elsewhere it is not evaluated and the claim says why.
 */
function compileLg(n: Extract<Node, { kind: 'call' }>, reason: string, c: CompileEnv): Fn {
  const natural = compileCall({ ...n, fn: 'log', natural: true }, c);
  return (t) => {
    if (!(t.settings.physicalUnits || t.settings.logBase === 10))
      throw new Unsupported(reason, n.start, n.end);
    return V.divide(natural(t), V.scalar(Math.LN10), n);
  };
}

/**
 * The entries of a point given to a function of several numbers, one evaluation each: the point
 * must be a vector with one entry per parameter.
 */
function entriesOfPoint(point: Fn, count: number, name: string, n: Node): Fn[] {
  return Array.from({ length: count }, (_, k) => (t: Trial) => {
    const v = point(t);
    const x = V.tensorOf(v, n);
    if (x.rank !== 1 || x.size !== count)
      throw new Unsupported(
        `${name} takes ${count} arguments, given one of shape ${V.describeShape(x.shape)}`,
        n.start,
        n.end,
      );
    return V.element(v, [V.scalar(k + 1)], n);
  });
}
