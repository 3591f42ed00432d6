// Tree → LaTeX. The output re-parses to the same tree (up to ranges), which the property tests
// check; hovers and messages use it to name sub-expressions.
import { type ExpectOp, NORMAL_DENSITY, type Node, type SymNode } from './tree';
import { printedName } from '../functions/registry';
import { printCriticalValue } from './parser/criticalValues';

export function printNode(n: Node): string {
  switch (n.kind) {
    case 'num':
      return n.text;
    case 'sym':
      return printSym(n);
    case 'word':
      return `\\operatorname{${n.name}}`;
    case 'neg':
      return `-${wrap(n.operand, 2)}`;
    case 'bin': {
      const op = {
        '+': ' + ',
        '-': ' - ',
        juxt: ' ',
        cdot: ' \\cdot ',
        times: ' \\times ',
        '/': ' / ',
        odot: ' \\odot ',
        otimes: ' \\otimes ',
        star: ' \\star ',
        ast: ' * ',
        pm: ' \\pm ',
        setminus: ' \\setminus ',
      }[n.op];
      const level = precedence(n);
      // Left-associative: a right operand of the same level needs brackets.
      let right = wrap(n.right, level === 1.5 ? 1.6 : level + 1);
      // `x (…)` would read back as an application x(…); braces keep it a product. A product
      // marked `apply` came from `f (…)^2` and prints back the same way.
      if (n.op === 'juxt' && right.startsWith('(') && !n.apply) right = `{${right}}`;
      const left = wrap(n.left, level);
      // `2 3^{2}` would read back as two numbers side by side (a syntax problem): braces keep the
      // product of `2 {3}^{2}`.
      if (n.op === 'juxt' && /\d$/.test(left) && /^\d/.test(right)) right = `{${right}}`;
      return `${left}${n.apply ? '' : op}${right}`;
    }
    case 'pow':
      return `${wrap(n.base, 4)}^{${printNode(n.exponent)}}`;
    case 'post':
      return `${wrap(n.operand, 4)}^{${{ T: '\\top', inv: '-1', invT: '-\\top', pinv: '\\dagger' }[n.op]}}`;
    case 'subscript':
      return n.bracket
        ? `${wrap(n.base, 4)}[${n.indices.map(printNode).join(', ')}]`
        : `${wrap(n.base, 4)}_{${n.indices.map(printNode).join(', ')}}`;
    case 'frac':
      return `\\frac{${printNode(n.numerator)}}{${printNode(n.denominator)}}`;
    case 'sqrt':
      return n.degree
        ? `\\sqrt[${printNode(n.degree)}]{${printNode(n.radicand)}}`
        : `\\sqrt{${printNode(n.radicand)}}`;
    case 'call': {
      const critical = printCriticalValue(n.fn, n.args.map(printNode));
      if (critical !== null) return critical;
      const name = CALL_NAMES[n.fn] ?? printedName(n.fn) ?? `\\operatorname{${n.fn}}`;
      const sub = n.sub ? `_{${printNode(n.sub)}}` : '';
      const sup = n.sup ? `^{${printNode(n.sup)}}` : '';
      // The density at a point reads back only with its semicolon: \mathcal{N}(x; \mu, \sigma^2).
      if (n.fn === NORMAL_DENSITY && n.args.length === 3) {
        const [x, ...law] = n.args.map(printNode);
        return `\\mathcal{N}(${x}; ${law.join(', ')})`;
      }
      return `${name}${sub}${sup}(${n.args.map(printNode).join(', ')})`;
    }
    case 'apply': {
      const args = n.args.map(printNode);
      if (n.given !== undefined) args.splice(n.given, 0, '\\mid');
      return `${printSym(n.f)}(${args.join(', ').replace(', \\mid,', ' \\mid')})`;
    }
    case 'group':
      return `${n.open}${n.items.map(printNode).join(', ')}${n.close}`;
    // \lvert…\rvert, not |…|: bars inside bars would pair up wrongly when read back.
    case 'abs':
      return `\\lvert ${printNode(n.operand)} \\rvert`;
    case 'norm':
      return `\\|${printNode(n.operand)}\\|${n.p ? `_{${printNode(n.p)}}` : ''}`;
    case 'floor':
      return `\\lfloor ${printNode(n.operand)} \\rfloor`;
    case 'ceil':
      return `\\lceil ${printNode(n.operand)} \\rceil`;
    case 'matrix':
      return (
        `\\begin{${n.env}} ${n.rows.map((r) => r.map(printNode).join(' & ')).join(' \\\\ ')} ` +
        `\\end{${n.env}}`
      );
    case 'cases': {
      const rows = n.rows.map((r) => `${printNode(r.value)} & ${printCondition(r.cond)}`);
      return `\\begin{cases} ${rows.join(' \\\\ ')} \\end{cases}`;
    }
    case 'bigop': {
      const ix = n.index;
      let sub = '';
      if (ix) {
        if (ix.from) sub = `_{${ix.name} = ${printNode(ix.from)}}`;
        else if (ix.set) sub = `_{${ix.name} \\in ${printNode(ix.set)}}`;
        else if (ix.name) sub = `_{${ix.name}}`;
        if (ix.to) sub += `^{${printNode(ix.to)}}`;
      }
      return `\\${n.op}${sub} ${wrap(n.body, 2)}`;
    }
    case 'deriv': {
      const d = n.style === 'partial' ? '\\partial' : 'd';
      if (n.style === 'nabla' && n.bareGradient) return `\\nabla ${printNode(n.of!)}`;
      if (n.style === 'nabla') return `\\nabla_{${printNode(n.wrt)}} ${wrap(n.of!, 4)}`;
      const order = n.order > 1 ? `^{${n.order}}` : '';
      const at = n.at ? `(${n.at.map(printNode).join(', ')})` : '';
      return `\\frac{${d}${order} ${n.of ? wrap(n.of, 2) : ''}}{${d} ${printNode(n.wrt)}${order}}${at}`;
    }
    case 'prime':
      return `${printSym(n.f)}(${n.args.map(printNode).join(', ')})`;
    case 'expect': {
      const op = EXPECT_NAMES[n.op];
      const sub = n.sub ? `_{${printNode(n.sub)}}` : '';
      const given = n.given ? ` \\mid ${printNode(n.given)}` : '';
      const body = n.body.kind === 'list' ? n.body.items.map(printNode).join(', ') : printNode(n.body);
      return `${op}${sub}\\left[${body}${given}\\right]`;
    }
    case 'integral': {
      const lo = n.lower ? `_{${printNode(n.lower)}}` : '';
      const hi = n.upper ? `^{${printNode(n.upper)}}` : '';
      const d = n.variable ? ` \\,d${printNode(n.variable)}` : '';
      return `\\${n.sign}${lo}${hi} ${wrap(n.body, 2)}${d}`;
    }
    case 'indicator':
      return `\\mathbb{1}[${printNode(n.cond)}]`;
    case 'limit': {
      const to = `${printNode(n.to)}${n.side ? `^{${n.side}}` : ''}`;
      return `\\lim_{${printNode(n.variable)} \\to ${to}} ${wrap(n.body, 2)}`;
    }
    case 'at':
      if (n.implicit) return `\\left. ${printNode(n.body)} \\right|^{${printNode(n.value)}}`;
      return `\\left. ${printNode(n.body)} \\right|_{${printNode(n.variable)} = ${printNode(n.value)}}`;
    case 'cmp':
      return `${printNode(n.left)} ${n.set ?? n.op} ${printNode(n.right)}`;
    case 'fact':
      return `${wrap(n.operand, 4)}!`;
    case 'binom':
      return `\\binom{${printNode(n.n)}}{${printNode(n.r)}}`;
    case 'dots':
      return '\\ldots';
    case 'list':
      return `{${n.items.map(printNode).join(', ')}}`;
    case 'text':
      return ['%', '$', '#', '&', '_'].includes(n.text) ? `\\${n.text}` : `\\text{${n.text}}`;
    case 'error':
      return '\\text{?}';
  }
}

/** Distributions; functions print as the registry spells them. */
const EXPECT_NAMES: Record<ExpectOp, string> = {
  E: '\\mathbb{E}',
  Var: '\\operatorname{Var}',
  Cov: '\\operatorname{Cov}',
  P: '\\Pr',
};

const CALL_NAMES: Record<string, string> = {
  Bernoulli: '\\mathrm{Bernoulli}',
  Normal: '\\mathcal{N}',
  Uniform: '\\mathrm{Uniform}',
};

function printSym(n: SymNode): string {
  // `x^{()}_{k+1}` is the key of the iterate written `x^{(k+1)}` (parser/scripts.ts): printed as written.
  return n.name.replace(/\^\{\(\)\}_\{([^{}]*)\}/g, (_, s: string) => `^{(${s})}`);
}

/**
 * Parenthesise a child whose precedence is below `level` (1 sum, 1.5 ⊗ ⊙, 1.9 ∇, 2 product,
 * 3 application, 4 atom).
 */
function wrap(n: Node, level: number): string {
  const p = precedence(n);
  const s = printNode(n);
  return p < level ? `(${s})` : s;
}

function precedence(n: Node): number {
  switch (n.kind) {
    case 'bin':
      return n.op === '+' || n.op === '-' || n.op === 'pm' || n.op === 'setminus'
        ? 1
        : n.op === 'odot' || n.op === 'otimes'
          ? 1.5
          : 2;
    case 'neg':
      return 1;
    case 'bigop':
    case 'integral':
    case 'at':
    case 'cmp':
    case 'list':
      return 0;
    case 'num':
      return n.value < 0 ? 1 : 4;
    // ∇ reads its operand up to the end of a product: `(\nabla_x f) y` keeps its brackets.
    case 'deriv':
      return n.style === 'nabla' ? 1.9 : 4;
    // A script or `!` after `f(x)` would bind to the bracket alone: `(f(x))^{2}`.
    case 'expect':
    case 'call':
    case 'apply':
    case 'prime':
      return 3;
    default:
      return 4;
  }
}

function printCondition(cond: Node | null): string {
  return cond ? printNode(cond) : '\\text{otherwise}';
}
