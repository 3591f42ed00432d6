// Names: locals, declarations, definitions (elementwise and indexed families), random variables and
// their laws, built-in symbols, and free indices.
import { ENDED_LETTER_HOW } from '../inferredEntries';
import { printNode } from '../../math/print';
import { walkFree } from '../../math/walk';
import { inferDerivativeVariable } from '../derivativeVariables';
import { type Node, PLACEHOLDER, type SymNode } from '../../math/tree';
import {
  type CompileEnv,
  findScope,
  type Fn,
  type IndexScope,
  type IndexSource,
  lookupWithScope,
  openFreeIndex,
  sharedBuild,
} from './context';
import { compileDirection } from '../differentials';
import { bareSequence, compileSequenceEntry, sequenceNamed } from '../sequences';
import { compileRecurrenceMember, computedFamily } from '../recurrences';
import { declaresWholeNumber, memberOf, parameterSubscript } from '../../model/recurrences';
import { UnknownName, UnsizedBasis, Unsupported } from '../errors';
import { isBasisVector } from './basisVectors';
import { compile } from './core';
import type { Trial } from '../trial';
import * as V from '../values';
import type { Val } from '../values';
import type { Entry } from '../../model/types';
import { indexLetters, isConstantFormula, isFractionLabel, isNumericFormula } from '../../model/names';
import { unsampledReason } from '../../model/unsampledLaws';
import { asDeclared } from '../declaredMatrix';
import { nested } from './readings';
import { isLabelledIndex } from '../../model/names';
import { registerCompilers } from './table';
import { refuseShiftedNames } from './shiftedNames';
import { imaginaryUnit, isImaginaryUnitValue } from './imaginaryUnit';
import { compileNamedMember, hasNamedMembers } from './namedMembers';
import { anyFamilyKey } from '../freeLetters';
import { isIndexRange } from '../../model/sets';
import { compilePlusMinusRoot } from './plusMinusRoots';
import { symbolicMember } from './symbolicMembers';
import { functionSubscript } from '../../model/functionSubscripts';
import { parametersAsArguments } from '../functionArguments';

/**
 * A letter that may write a step of a family (check/recurrences.ts): one bound here (a sum's index, a
 * rule's own), or declared a whole number.
 */
function isStepLetter(letter: string, c: CompileEnv): boolean {
  if (c.locals.has(letter) || c.ruleIndex === letter) return true;
  const e = lookupWithScope(c, letter)?.entry;
  return e?.kind === 'decl' && declaresWholeNumber(e.spec);
}

function compileSym(n: SymNode, c: CompileEnv): Fn {
  const direction = compileDirection(n, c);
  if (direction) return direction;
  if (c.locals.has(n.name)) return (t) => t.local(n.name, n);
  // A member of a family its recurrence computes, even where the rule also defined the name `a_n`.
  const recurrence =
    n.subText !== null && n.primes === 0 && !parameterSubscript(n, (x) => isStepLetter(x, c))
      ? computedFamily(c, n.stem)
      : null;
  const written = recurrence ? memberOf(n) : null;
  const found = lookupWithScope(c, n.name);
  // The reader's grid of a scheme yields to a time the text gives (`t_1 = 0.2`).
  const yields = recurrence?.recurrence.byConvention && found;
  if (recurrence && written && !yields)
    return compileRecurrenceMember(recurrence, written.index, n, c, compile);
  // `e_{ss} = \frac{1}{1 + K_{pos}}` in control notes defines members of a family e, and the same
  // notes write `e^{-\zeta\pi}`: the bare letter of a family is no member of it, and e stays Euler's.
  if (found && n.name === 'e' && n.subText === null && found.entry.kind === 'def' && found.entry.indices)
    return builtinSymbol(n) as Fn;
  // `\pi_k = N_k / N`, the weights of a mixture, beside `\frac{1}{\sqrt{2\pi}}`: the bare π may still be
  // the vector of those members (`\pi P = \pi`), so it is read as the circle constant only to verify.
  if (found && n.name === '\\pi' && n.subText === null && found.entry.kind === 'def' && found.entry.indices) {
    c.constantsRead.set(n.name, { where: `\\pi_{${found.entry.indices.join(',')}}`, as: 'family' });
    return builtinSymbol(n) as Fn;
  }
  // A function's letter written bare as another function's argument is that argument
  // (functionArguments.ts): the claim never applies it.
  const argumentOverFunction = found ? c.arguments.get(n.name) : undefined;
  if (argumentOverFunction) return compileEntry(argumentOverFunction, n, c);
  if (found) {
    const seq = sequenceNamed(c, n.name);
    if (seq) bareSequence(seq, n);

    return compileEntry(found.entry, n, c);
  }
  const primed = barePrimed(n, c);
  if (primed) return primed;
  // `\sigma(\cdot)`: a claim about the function itself holds at every argument, so it is sampled.
  if (n.name === PLACEHOLDER) return (t) => t.sample(PLACEHOLDER, { set: 'real', shape: [] }, n);
  // A pattern declaration `W_i \in …` covers `W_1`.
  if (n.subText !== null) {
    const anyFamily = c.variables.get(anyFamilyKey(n.stem));
    const pat = c.env.lookupPattern(n.stem) ?? anyFamily ?? null;
    const stemEntry = lookupWithScope(c, n.stem);
    if (pat === anyFamily && anyFamily?.kind === 'decl' && anyFamily.inferred)
      c.inferred.set(anyFamily.name, anyFamily.inferred);
    // `\mu_B`, `L_{MSE}`: an unbound capital letter in a subscript is a label, not an index; so is
    // a word (`x_{\text{max}}`, `\lambda_{\min}`), and any subscript of a declared scalar: a number
    // has no entries, so `\sigma_w` beside a declared σ is the weights' σ, not σ's entry w.
    // A random variable is a number too: `\mu_0` beside `\mu \sim \mathcal{N}(\mu_0, 1/\tau_0)` is the
    // prior's mean, a name of its own (read as μ's entry, μ's law would need μ itself).
    const scalarStem =
      (stemEntry?.entry.kind === 'random' && !stemEntry.entry.pattern) ||
      (stemEntry?.entry.kind === 'decl' &&
        !stemEntry.entry.pattern &&
        stemEntry.entry.spec.shape.length === 0);
    // A declared pattern (`\sigma_w \in \mathbb{R}_{>0}`, a lone-letter subscript) covers the members
    // of a stem that is nothing or a declared number, and random members cover those of a random
    // stem (`X_i \sim \mathrm{Bernoulli}(p)` beside a binomial X, "i.i.d. copies of $X$"): an
    // expectation reaches each member (Trial.familyExpectation).
    const declaredNumber = stemEntry?.entry.kind === 'decl' && scalarStem;
    const randomNumber = stemEntry?.entry.kind === 'random' && scalarStem;
    if (
      pat &&
      (!stemEntry || (declaredNumber && pat.kind === 'decl') || (randomNumber && pat.kind === 'random'))
    )
      return compilePatternValue(pat, n, c);
    const onFunction = functionSubscript(stemEntry?.entry, n);
    if (onFunction?.kind === 'partial') return compile(onFunction.node, c);
    const label =
      scalarStem ||
      onFunction?.kind === 'label' ||
      (n.sub ?? []).some(
        (x) =>
          x.kind === 'sym' &&
          (/^\\text\{[A-Za-z]+\}$/.test(x.name) ||
            (/^[A-Z]$/.test(x.name) &&
              !c.locals.has(x.name) &&
              !findScope(c, x.name) &&
              !lookupWithScope(c, x.name) &&
              !c.env.isDimension(x.name))),
      );
    const entry = stemEntry?.entry;
    const array =
      (entry?.kind === 'decl' && entry.spec.shape.length > 0) || (entry?.kind === 'def' && !!entry.indices);
    if ((label || isFractionLabel(n.sub, array)) && !pat) {
      // `\eta_{\max}` read as any number for the claim (freeLetters.ts).
      const read = c.variables.get(n.name);
      if (read) return compileEntry(read, n, c);
      c.unknown.set(n.name, n);
      return () => {
        throw new UnknownName([n.name], n.start, n.end);
      };
    }
    const seq = stemEntry ? sequenceNamed(c, n.stem) : null;
    if (seq) return compileSequenceEntry(seq, singleIndex(n.sub), n, c, compile);
    const family =
      stemEntry?.entry.kind === 'def' &&
      stemEntry.entry.indices &&
      !stemEntry.entry.diagonal &&
      (n.sub ?? []).length === stemEntry.entry.indices.length
        ? stemEntry.entry
        : null;
    if (family && family.kind === 'def') return compileFamilyMember(family, n, c);
    const root = compilePlusMinusRoot(stemEntry?.entry, n, c);
    if (root) return root;
    // "a schedule $\beta_1, \dots, \beta_T$", then "with $\beta_1 = 0.1$, $\beta_2 = 0.2$": the listed
    // vector is the reader's inference, and the members the text gives are what `\beta_t` names.
    const listed = stemEntry?.entry.kind === 'decl' && stemEntry.entry.inferred && hasNamedMembers(n.stem, c);
    const given = listed ? compileNamedMember(n, c) : null;
    if (given) return given;
    if (stemEntry || c.locals.has(n.stem)) {
      // Element access `A_{ij}` of a known tensor.
      const base = c.locals.has(n.stem)
        ? (t: Trial) => t.local(n.stem, n)
        : compileEntry(stemEntry!.entry, { ...n, name: n.stem, sub: null, subText: null }, c);
      const items = n.sub ?? [];
      const idx = items.map((x, axis) => compileIndex(x, c, base, items.length, axis));
      return (t) =>
        V.element(
          base(t),
          idx.map((f) => f(t)),
          n,
        );
    }
    const symbol = indexSymbol(n, c);
    if (symbol) return symbol;
    const member = compileNamedMember(n, c);
    if (member) return member;
  }
  if (c.env.isDimension(n.name)) {
    const entry = c.env.dimensionEntry(n.name);
    if (entry?.inferred) c.inferred.set(entry.name, entry.inferred);
    return (t) => t.dimension(n.name, n);
  }
  // A reading that supplies the letter (the identity's `I` read as the text's own number,
  // check/identityLetter.ts) comes before the built-in object.
  const builtin = c.variables.has(n.name) ? null : builtinSymbol(n);
  if (builtin) return builtin;
  // An upright i or j the document gives no meaning, `e^{\mathrm{j}\omega}`, is the imaginary unit
  // as typeset by convention (ISO 80000-2): never a real letter to sample.
  if (n.upright && (n.name === 'i' || n.name === 'j')) throw imaginaryUnit(n.name, n);
  // A letter indexing a recurrence's members ranges over its indices, whatever value it held before.
  const recurrenceIndex = c.recurrenceIndices.get(n.name);
  if (recurrenceIndex) return compileEntry(recurrenceIndex, n, c);
  // A letter whose example ended, read again as any real number when the example's kind left the
  // claim no sample (readingLetters): the reader's letter, not the old kind.
  const reread = c.variables.get(n.name);
  const generic =
    reread?.kind === 'decl' && reread.inferred?.how === ENDED_LETTER_HOW
      ? null
      : c.env.lookupGeneric(n.name, c.block);
  if (generic) {
    // "In general, …": the sentence states it for every value, so a failure is not the example's.
    if (!(generic.kind === 'decl' && generic.universal)) c.generic.add(n.name);
    return compileEntry(generic, n, c);
  }
  if (c.anyLaw.has(n.name)) return (t) => t.anyLawValue(n.name);
  const bound = c.bounds.get(n.name);
  if (bound) return compileEntry(bound, n, c);
  const argument = c.arguments.get(n.name);
  if (argument) return compileEntry(argument, n, c);
  const variable = c.variables.get(n.name);
  if (variable) return compileEntry(variable, n, c);
  c.unknown.set(n.name, n);
  return () => {
    throw new UnknownName([n.name], n.start, n.end);
  };
}

/** The one index of a sequence's entry, or undefined when there are several or none. */
function singleIndex(items: Node[] | null): Node | undefined {
  return items?.length === 1 ? items[0] : undefined;
}

/** ε_{ijk} in three dimensions: +1 on even permutations of (1, 2, 3), −1 on odd ones, else 0. */
const LEVI_CIVITA = V.constantTensor(
  [3, 3, 3],
  Array.from({ length: 27 }, (_, k) => {
    const [i, j, l] = [Math.floor(k / 9), Math.floor(k / 3) % 3, k % 3];
    return ((j - i) * (l - i) * (l - j)) / 2;
  }),
);

/**
 * `\delta_{ij}` (the Kronecker delta: 1 when the indices agree, else 0; its indices take their
 * range from the other tensors they index) and `\varepsilon_{ijk}` (the Levi-Civita symbol, indices
 * 1 to 3), when the document gives δ and ε no meaning of its own.
 */
function indexSymbol(n: SymNode, c: CompileEnv): Fn | null {
  const items = n.sub ?? [];
  if (isBasisVector(n, c)) {
    // Unsized, it is the name it was before (an unknown one); a context may still size it.
    const sized: Fn = () => {
      try {
        return V.ones();
      } catch (err) {
        if (V.isUnsizedOnes(err)) throw new UnsizedBasis([n.name], n.start, n.end);
        throw err;
      }
    };
    const index = compileIndex(items[0], c, sized, 1, 0);
    return (t) => V.basisVector(V.tensorOf(sized(t), n).shape[0], index(t), n);
  }
  if (n.stem === '\\delta' && items.length === 2) {
    // δ has no size of its own: it gives its indices no range (trial.ts passes over this source).
    const sizeless: Fn = () => {
      throw new Unsupported('the Kronecker delta has no size of its own', n.start, n.end);
    };
    const idx = items.map((x, axis) => compileIndex(x, c, sizeless, 2, axis));
    return (t) => {
      const [a, b] = idx.map((f) => V.tensorOf(f(t), n).data[0]);
      return V.scalar(a === b ? 1 : 0);
    };
  }
  if ((n.stem === '\\epsilon' || n.stem === '\\varepsilon') && items.length === 3) {
    const base: Fn = () => LEVI_CIVITA;
    const idx = items.map((x, axis) => compileIndex(x, c, base, 3, axis));
    return (t) =>
      V.element(
        LEVI_CIVITA,
        idx.map((f) => f(t)),
        n,
      );
  }
  return null;
}

/**
 * `y''` written bare after `y = e^{2t}` or `u(t) = t e^{2t}`: the derivative of the defined formula in
 * its one variable, at that variable — how an ODE key checks a solution by substitution
 * (`y'' - 3y' + 2y = 0`). The variable is the function's one parameter, or else the one letter of
 * the formula that is nothing or a declared number; a letter nothing declares is then one the claim
 * leaves to the reader, read as any number (freeLetters.ts). Null when the name is not so defined.
 */
export function barePrimed(n: SymNode, c: CompileEnv): Fn | null {
  if (n.primes === 0 || n.subText !== null || c.locals.size > 0 || c.primedBeforeBracket.has(n.start))
    return null;
  const name = n.name.replace(/'+$/, '');
  if (name === n.name || c.locals.has(name)) return null;
  const entry = lookupWithScope(c, name)?.entry;
  if (entry?.kind !== 'def' || entry.indices || entry.diagonal || entry.table || entry.recurrence)
    return null;
  const f: SymNode = { ...n, name, stem: name, primes: 0 };
  const at = (x: SymNode): SymNode => ({ ...x, start: n.start, end: n.end });
  if (entry.params) {
    if (entry.params.length !== 1) return null;
    const p = at(entry.params[0]);
    c.barePrimes.add(name);
    return compile({ kind: 'prime', f: n, args: [p], start: n.start, end: n.end }, c);
  }
  const variable = formulaVariable(entry.expr, (name) => lookupWithScope(c, name)?.entry ?? null);
  if (!variable) return null;
  // The letter nothing declares is the derivative's variable, as in `\frac{d^2 y}{dt^2}`.
  if (!c.variables.has(variable.name)) inferDerivativeVariable(variable, c, new Set());
  return compile(
    { kind: 'deriv', of: f, wrt: at(variable), order: n.primes, style: 'd', start: n.start, end: n.end },
    c,
  );
}

/**
 * The variable of a formula read as a function of one (`e^{2t}` of `y = e^{2t}`): its one letter that
 * is nothing or a declared number. Null when there is no such letter, or several.
 */
export function formulaVariable(expr: Node, meaning: (name: string) => Entry | null): SymNode | null {
  const letters = new Map<string, SymNode>();
  walkFree(expr, (x) => {
    if (x.kind !== 'sym' || x.primes > 0 || builtinSymbol(x)) return;
    const declared = meaning(x.name);
    if (!declared || (declared.kind === 'decl' && declared.spec.shape.length === 0)) letters.set(x.name, x);
  });
  return letters.size === 1 ? [...letters.values()][0] : null;
}

function builtinSymbol(n: SymNode): Fn | null {
  switch (n.name) {
    case '\\pi': {
      const v = V.scalar(Math.PI);
      return () => v;
    }
    case 'e': {
      const v = V.scalar(Math.E);
      return () => v;
    }
    case 'I':
    case 'Id':
    case '\\text{Id}':
    case '\\mathbb{I}':
      return () => V.identity();
    case '\\mathbf{1}':
      return () => V.ones();
    case '\\mathbf{0}':
      return () => V.zeros();
    case '\\infty':
      return () => {
        throw new Unsupported('∞ is not a number the checker samples', n.start, n.end);
      };
  }
  const ket = standardKet(n.name);
  if (ket) return () => ket;
  if ((n.stem === '\\mathbf{1}' || n.stem === '\\mathbf{0}') && n.subText !== null) {
    const fill = n.stem === '\\mathbf{1}' ? 1 : 0;
    return (t) => V.filledVector(t.evalSizeText(n.subText!, n), fill, n);
  }
  if ((n.stem === 'I' || n.stem === '\\mathbb{I}') && n.subText !== null) {
    return (t) => V.identityOf(t.evalSizeText(n.subText!, n), n);
  }
  return null;
}

function compileEntry(entry: Entry, n: SymNode, c: CompileEnv): Fn {
  switch (entry.kind) {
    case 'case': {
      const f = compile(entry.expr, c);
      const fill = entry.fill;
      if (fill) return (t) => t.filled(fill, f(t), n);
      return (t) => f(t);
    }
    case 'decl': {
      if (entry.inferred) c.inferred.set(entry.name, entry.inferred);
      if (entry.particular) c.particular.set(entry.name, entry.particular);
      const randomPattern = c.env.lookupPattern(entry.name);
      if (randomPattern && randomPattern.kind === 'random') {
        const dist = randomPattern.dist;
        const distFns = distributionFns(dist, c, n);
        return (t) => t.random(entry.name, entry.spec, dist, distFns, n);
      }
      if (entry.name === '\\mathbf{1}' || entry.name === '\\mathbf{0}') {
        const fill = entry.name === '\\mathbf{1}' ? 1 : 0;
        return (t) => t.filledDeclared(entry.name, entry.spec, fill);
      }
      return (t) => t.sample(entry.name, entry.spec, n);
    }
    case 'random': {
      const distFns = distributionFns(entry.dist, c, n);
      return (t) => t.random(entry.name, { set: 'real', shape: [] }, entry.dist, distFns, n);
    }
    case 'dim':
      if (entry.inferred) c.inferred.set(entry.name, entry.inferred);
      return (t) => t.dimension(entry.name, n);
    case 'fn':
      if (entry.applied) {
        // Bare, it may still be the constant (`1/e \approx 0.368`): read so, verified or unchecked.
        const constant = builtinSymbol(n);
        if (constant) {
          c.constantsRead.set(n.name, { where: entry.applied, as: 'function' });
          return constant;
        }
      }
      throw new Unsupported(`${n.name} is a function: apply it to arguments`, n.start, n.end);
    case 'def': {
      if (entry.params) {
        const atGiven = valueAtGivenArguments(entry, n, c);
        if (atGiven) return atGiven;
        // Beside its primes written bare (`2y` in `y'' - 3y' + 2y`), the function at its parameter.
        let atParameter: Fn | null = null;
        return (t) => {
          if (!c.barePrimes.has(entry.name) || entry.params?.length !== 1)
            throw new Unsupported(`${n.name} is a function: apply it to arguments`, n.start, n.end);
          atParameter ??= compile(
            {
              kind: 'apply',
              f: n,
              args: [{ ...entry.params[0], start: n.start, end: n.end }],
              start: n.start,
              end: n.end,
            },
            c,
          );
          return atParameter(t);
        };
      }
      if (c.compiling.has(entry))
        throw new Unsupported(`the definition of ${entry.name} refers to itself`, n.start, n.end);
      if (isImaginaryUnitValue(entry.expr)) throw imaginaryUnit(n.name, n);
      // `F = 12\ \mathrm{N}` and then `\vec F \cdot \vec d`: the plain letter was given the vector's
      // magnitude, a number, and the arrow names the vector itself, which is no number. A constant
      // given by name (`\check{w} := \varpi`) is no magnitude written out.
      const written = entry.expr.kind !== 'sym' && isNumericFormula(entry.expr);
      if (n.font === 'bold' && entry.font === undefined && written)
        throw new Unsupported(
          `${n.name} in bold or with an arrow names a vector, while ${n.name} was given a number, its ` +
            'magnitude: give the vector its components to have this checked',
          n.start,
          n.end,
        );
      c.compiling.add(entry);
      try {
        if (entry.indices) return compileElementwiseDef(entry, n, c);
        return sharedBuild(c, entry, 'value', () => {
          const inner: CompileEnv = { ...c, locals: new Set(), scopes: [], free: c.free, env: c.env };
          const f = asDeclared(compile(entry.expr, inner), entry.declared);
          const formula = entry.restates ? restatedFormula(entry.restates, inner) : null;
          // Definitions are compiled without the caller's locals, so their value is memoised.
          if (!formula) return (t: Trial) => t.memo(entry, () => nested(() => f(t)));
          return (t: Trial) => t.memo(entry, () => nested(() => formula(f(t), t)));
        });
      } finally {
        c.compiling.delete(entry);
      }
    }
  }
}

/**
 * `\mathrm{CE} = -\log 0.9` after `\mathrm{CE}(p_t) = -\log p_t` and "a positive with $p_t = 0.9$":
 * a function's name written bare, where running text has given each of its parameters a number,
 * is its value at those numbers — the worked point the passage is at. A parameter the text gives
 * no number (sampled or unknown) leaves the name a function, as before. Only a verification is
 * kept (claim/bareFunctions.ts): the bare name may mean the function at another point.
 */
function valueAtGivenArguments(entry: Extract<Entry, { kind: 'def' }>, n: SymNode, c: CompileEnv): Fn | null {
  const params = entry.params ?? [];
  if (params.length === 0) return null;
  const at = { start: n.start, end: n.end };
  const call: Node = { kind: 'apply', f: n, args: params.map((p) => ({ ...p, ...at })), ...at };
  // `\varepsilon(P) = \frac{dQ}{dP} \cdot \frac{P}{Q}` after `Q(P) = 200 - 4P`: inside a rule in
  // the same parameters, the bare function is taken at them, as economists write it.
  if (c.locals.size > 0) return params.every((p) => c.locals.has(p.name)) ? compile(call, c) : null;
  const given = (p: SymNode) => {
    const e = c.env.lookup(p.name, c.block);
    return (
      e?.kind === 'case' ||
      (e?.kind === 'def' && e.params === null && !e.indices && isConstantFormula(e.expr))
    );
  };
  // A parameter read as any number (functionArguments.ts): the relation is one of functions, at
  // every argument (`\partial u/\partial t = -u` after `u(x, t) = e^{-t}\sin x`).
  const argued = params.filter((p) => !given(p));
  if (argued.length > 0 && !parametersAsArguments(n.name, argued, c)) return null;
  if (argued.length === 0) c.bareFunctions.set(n.name, printNode(call));
  return compile(call, c);
}

function compilePatternValue(pat: Entry, n: SymNode, c: CompileEnv): Fn {
  // A random family's member keeps a letter nothing gives a value (`w_{ij}` under a sum over j is
  // w_{i,1}, w_{i,2}, … for one row i); a declared pattern's member needs every index.
  const name = memberName(n, c, pat.kind === 'random');
  if (pat.kind === 'decl') {
    // A member the text gives a value (`\beta_1 = 0.1` after `\beta_t \in (0, 1)`) has it, also
    // when an index names it (`\prod_{s=1}^{2} (1 - \beta_s)`); the others are sampled.
    const given = new Map<string, Fn | null>();
    const closed: CompileEnv = { ...c, locals: new Set(), scopes: [], free: [] };
    return (t) => {
      const member = name(t);
      let value = given.get(member);
      if (value === undefined) {
        const entry = member === n.name ? null : c.env.lookup(member, c.block);
        value =
          entry?.kind === 'def' && entry.params === null && !entry.indices
            ? compileEntry(entry, { ...n, name: member }, closed)
            : null;
        given.set(member, value);
      }
      return value ? value(t) : t.sample(member, pat.spec, n);
    };
  }
  if (pat.kind === 'random') {
    // `X_{(k)}`: an index in brackets names the k-th smallest of the sample, not the member X_k.
    if (/^\s*\(.*\)\s*$/.test(n.subText ?? ''))
      throw new Unsupported(orderStatisticReason(n.name, pat.name), n.start, n.end);
    const distFns = distributionFns(pat.dist, c, n);
    return (t) => t.random(name(t), { set: 'real', shape: [] }, pat.dist, distFns, n);
  }
  throw new UnknownName([n.name], n.start, n.end);
}

/** Why an order statistic of a random family is not evaluated, and what would be. */
function orderStatisticReason(name: string, stem: string): string {
  return (
    `${name} is an order statistic (the k-th smallest of the sample ${stem}_1, …), not the member ` +
    `${stem}_k, and derivcheck does not evaluate order statistics; write ` +
    `it with the members (\\min(${stem}_1, ${stem}_2, ${stem}_3)) to have it checked`
  );
}

/**
 * The name of a member of a declared pattern (`a_i \in \mathbb{R}`): `a_3` as written, and `a_i`
 * under a sum over i (or an elided `a_1 + \dots + a_n`), or in a recurrence's rule over i
 * (`h_t = W h_{t-1} + U x_t`), the member at the index's value, `a_{2}`.
 */
function memberName(n: SymNode, c: CompileEnv, keepLetters = false): (t: Trial) => string {
  const items = n.sub ?? [];
  // A letter declared to run over a range (`t \in \{1, \dots, T\}`) is sampled as a whole number:
  // `\beta_t` is then the member at its value, the one `\prod_{s=1}^{t} \beta_s` reaches too.
  // So is a letter declared a whole number (`t \in \mathbb{N}`) or read as one (memberIndices.ts).
  const ranged = (name: string) => {
    const e = c.locals.has(name) ? null : (c.env.lookup(name, c.block) ?? c.variables.get(name));
    return (
      e?.kind === 'decl' &&
      (isIndexRange(e.spec) ||
        ((e.spec.set === 'natural' || e.spec.set === 'integer') && e.spec.shape.length === 0))
    );
  };
  const bound = items.some((x) => {
    const letters = indexLetters(x);
    return letters.some(
      (l) => (c.locals.has(l.name) && (findScope(c, l.name) || l.name === c.ruleIndex)) || ranged(l.name),
    );
  });
  if (!bound) return () => n.name;
  const kept = items.map((x) =>
    keepLetters &&
    x.kind === 'sym' &&
    !c.locals.has(x.name) &&
    !lookupWithScope(c, x.name) &&
    !c.env.isDimension(x.name)
      ? x.name
      : null,
  );
  const values = items.map((x, k) => (kept[k] === null ? compile(x, c) : () => V.scalar(0)));
  const comma = (n.subText ?? '').includes(',') || items.length === 1;
  return (t) => {
    const parts = values.map((f, k) => kept[k] ?? String(t.integerOf(f(t), n)));
    return `${n.stem}_{${parts.join(comma || kept.some((x) => x !== null) ? ',' : '')}}`;
  };
}

export interface DistFns {
  a: Fn;
  b: Fn | null;
}

function distributionFns(
  d: Extract<Entry, { kind: 'random' }>['dist'],
  c: CompileEnv,
  at: { start: number; end: number },
): DistFns {
  switch (d.kind) {
    case 'Unsampled':
      throw new Unsupported(unsampledReason(d), at.start, at.end);
    case 'Bernoulli':
      return { a: compile(d.p, c), b: null };
    case 'Normal':
      return { a: compile(d.mean, c), b: compile(d.variance, c) };
    case 'Uniform':
      return { a: compile(d.a, c), b: compile(d.b, c) };
    case 'Law':
      if (d.law === 'Moments' && d.b)
        c.momentLaws.add(`mean ${printNode(d.a)} and variance ${printNode(d.b)}`);
      return { a: compile(d.a, c), b: d.b ? compile(d.b, c) : null };
    case 'Joint':
      // The cells are numbers: nothing to compile; the law is read from them (trial.ts atomTables).
      return { a: () => V.scalar(0), b: null };
  }
}

/**
 * An index position: a number, an expression of index variables, or a fresh index letter
 * (which becomes a free index of the claim, or the index of the enclosing sum).
 */
/** `f_i` of a family defined by `f_i := e` (e may be a vector): e with i bound. */
function compileFamilyMember(def: Extract<Entry, { kind: 'def' }>, n: SymNode, c: CompileEnv): Fn {
  const idx = def.indices!;
  if (c.compiling.has(def))
    throw new Unsupported(`the definition of ${def.name} refers to itself`, n.start, n.end);
  refuseShiftedNames(def, n, c);
  c.compiling.add(def);
  const written = symbolicMember(def, n, c);
  if (written) {
    try {
      return compile(written, c);
    } finally {
      c.compiling.delete(def);
    }
  }
  let body: Fn;
  let table: Fn;
  let scopes: IndexScope[];
  try {
    ({ body, table, scopes } = sharedBuild(c, def, 'member', () => {
      const whole: CompileEnv = { ...c, free: [] };
      const scopes = idx.map((name) => ({ name, sources: [] as IndexSource[] }));
      const body = compile(def.expr, { ...c, locals: new Set(idx), scopes, free: [] });
      return { body, table: compileElementwiseDef(def, n, whole), scopes };
    }));
  } finally {
    c.compiling.delete(def);
  }
  const items = n.sub ?? [];
  // An index of the family ranges as its own index does in the definition (f_i := X_{:,i}).
  const values = items.map((x, k) => {
    const own = scopes[k];
    if (own.sources.length === 0) return compileIndex(x, c, table, items.length, k);
    const range: Fn = (t) => V.zerosOf(t.rangeOf(own.sources, own.name, n));
    return compileIndex(x, c, range, items.length, 0);
  });
  return (t) => {
    const vs = values.map((f) => f(t));
    // While differentiating with respect to the whole family, read the seeded table.
    if (t.hasOverride(def.name)) return V.element(table(t), vs, n);
    return nested(() => t.withLocals(idx, vs, () => body(t)));
  };
}

function compileIndex(x: Node, c: CompileEnv, base: Fn, _count: number, axis = 0): Fn {
  if (x.kind === 'text' && x.text === ':') return () => V.WHOLE_AXIS;
  if (x.kind === 'cmp' && x.op === ':') {
    // `1:k`, `2:`, `<t` (read as `1:t-1`): the ends are index expressions of their own.
    const from = compileIndex(x.left, c, base, _count, axis);
    const to = x.right.kind === 'text' ? null : compileIndex(x.right, c, base, _count, axis);
    return (t) => V.indexRange(from(t), to ? to(t) : null, x);
  }
  // A bound index (sum, elementwise definition) shadows any document name of the same letter.
  const letter = x.kind === 'sym' && (x.sub === null || isLabelledIndex(x));
  const bound = letter ? findScope(c, x.name) : null;
  if (bound && x.kind === 'sym') {
    const name = x.name;
    bound.sources.push({ fn: base, axis });
    return (t) => t.local(name, x);
  }
  if (
    x.kind === 'sym' &&
    x.sub === null &&
    !c.locals.has(x.name) &&
    !lookupWithScope(c, x.name) &&
    !c.variables.has(x.name) &&
    !c.env.isDimension(x.name)
  ) {
    const scope = openFreeIndex(c, x.name);
    scope.sources.push({ fn: base, axis });
    return (t) => t.local(x.name, x);
  }
  // Letters inside index expressions (`i - k`) are index variables too, without a range source.
  for (const l of indexLetters(x)) {
    if (
      !lookupWithScope(c, l.name) &&
      !c.variables.has(l.name) &&
      !c.env.isDimension(l.name) &&
      !c.locals.has(l.name)
    ) {
      if (!findScope(c, l.name)) openFreeIndex(c, l.name);
    }
  }
  return compile(x, c);
}

function compileElementwiseDef(entry: Extract<Entry, { kind: 'def' }>, n: SymNode, c: CompileEnv): Fn {
  const idx = entry.indices!;
  const { body, scopes } = sharedBuild(c, entry, 'table', () => {
    const inner: CompileEnv = {
      ...c,
      locals: new Set(idx),
      scopes: idx.map((name) => ({ name, sources: [] })),
      free: [],
    };
    const body = compile(entry.expr, inner);
    if (inner.free.length)
      throw new Unsupported(
        `the definition of ${entry.name} uses index ${inner.free.map((s) => s.name).join(', ')} that ` +
          `it does not define`,
        n.start,
        n.end,
      );
    return { body, scopes: inner.scopes };
  });
  return (t) => t.memo(entry, () => nested(() => tabulated(t)));
  function tabulated(t: Trial): Val {
    const sizes = scopes.map((s) => t.rangeOf(s.sources, s.name, n));
    return V.tabulate(
      sizes,
      entry.diagonal,
      (values) => {
        for (let k = 0; k < idx.length; k++) t.bind(idx[k], values[k]);
        try {
          return body(t);
        } finally {
          for (const k of idx) t.unbind(k);
        }
      },
      n,
    );
  }
}

declare module './table' {
  interface Compilers {
    compileSym: typeof compileSym;
    singleIndex: typeof singleIndex;
    distributionFns: typeof distributionFns;
    compileFamilyMember: typeof compileFamilyMember;
    compileIndex: typeof compileIndex;
    barePrimed: typeof barePrimed;
  }
}

registerCompilers({
  compileSym,
  singleIndex,
  distributionFns,
  compileFamilyMember,
  compileIndex,
  barePrimed,
});

/**
 * A worked value restating an earlier formula (model/build.ts): the formula's value where the two
 * agree to the written number's rounding — the same number, with the formula's dependence on its
 * inputs, so `\partial L / \partial w` through `\hat y` is not 0 — and the written value where they
 * do not (the author set the letter anew). A formula that cannot be evaluated leaves the value.
 */
function restatedFormula(expr: Node, c: CompileEnv): ((value: Val, t: Trial) => Val) | null {
  let g: Fn;
  try {
    g = compile(expr, c);
  } catch {
    return null;
  }
  return (value, t) => {
    let v: Val;
    try {
      v = g(t);
    } catch {
      return value;
    }
    return sameWithinRounding(value, v) ? v : value;
  };
}

/** Two values of one shape whose entries differ by less than a written number's last digits. */
function sameWithinRounding(a: Val, b: Val): boolean {
  if ('kind' in a || 'kind' in b) return false;
  const x = a.v;
  const y = b.v;
  if (x.size !== y.size || x.shape.join() !== y.shape.join()) return false;
  for (let i = 0; i < x.size; i++) {
    const scale = Math.max(Math.abs(x.data[i]), Math.abs(y.data[i]), 1e-12);
    if (Math.abs(x.data[i] - y.data[i]) > 5e-3 * scale) return false;
  }
  return true;
}

/**
 * The kets of quantum computing that documents use without defining them: the computational basis
 * `\\ket{0}`, `\\ket{1}` of one qubit and `\\ket{01}`, `\\ket{110}` of several (the basis vector whose
 * index the digits write in binary, of length 2^k), and `\\ket{+}`, `\\ket{-}` = (|0⟩ ± |1⟩)/√2.
 */
function standardKet(name: string): V.Val | null {
  const m = /^\\ket\{([01]{1,6}|\+|-)\}$/.exec(name);
  if (!m) return null;
  if (m[1] === '+' || m[1] === '-')
    return V.constantTensor([2], [Math.SQRT1_2, m[1] === '+' ? Math.SQRT1_2 : -Math.SQRT1_2]);
  const size = 2 ** m[1].length;
  return V.constantTensor(
    [size],
    Array.from({ length: size }, (_, k) => (k === Number.parseInt(m[1], 2) ? 1 : 0)),
  );
}
