// Where an integral's differential is: `dx`, `d\theta`, `\mathrm{d}x`, `\text{d}x`,
// `\operatorname{d}x`, `\mathrm{dx}`. The integrand of `\int f(x)\,dx` runs up to its differential;
// in `\int dx\, f(x)` the differential comes first. Nested integrals pair from the inside out, as
// in print: in `\int_0^1 \int_0^2 f\,dx\,dy` the inner integral takes dx, the outer dy.
import type { Token } from './tokens';
import { GREEK, RELATION_COMMANDS } from './vocabulary';

export interface Differential {
  /** First token of the differential (the d). */
  start: number;
  /** The variable's tokens [varStart, end). */
  varStart: number;
  end: number;
}

export const INTEGRAL_SIGNS: Readonly<Record<string, number>> = {
  '\\int': 1,
  '\\iint': 2,
  '\\iiint': 3,
  '\\oint': 1,
};

const OPEN = new Set(['{', '(', '[', '\\{', '\\langle', '\\lVert', '\\lvert']);
const CLOSE = new Set(['}', ')', ']', '\\}', '\\rangle', '\\rVert', '\\rvert']);
/** What ends an integrand at the top level when no differential came first. */
const STOP = new Set(['=', '<', '>', '&', '\\\\', ',', ';', '\\quad', '\\qquad']);
const UPRIGHT = new Set(['\\mathrm', '\\text', '\\operatorname', '\\mathit', '\\textrm', '\\mathsf']);

/** The differential of the integral whose integrand starts at token i, or null. */
export function findDifferential(toks: Token[], i: number): Differential | null {
  let depth = 0;
  let pending = 1;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j];
    if (t.type === 'eof') return null;
    // An environment's `&` and `\\` separate its cells, not the integrand from what follows.
    if (OPEN.has(t.text) || t.text === '\\begin') depth++;
    else if (CLOSE.has(t.text) || t.text === '\\end') {
      if (--depth < 0) return null;
    } else if (depth === 0) {
      if (STOP.has(t.text) || (t.type === 'cmd' && RELATION_COMMANDS[t.text])) return null;
      if (t.type === 'cmd' && INTEGRAL_SIGNS[t.text]) pending += 1;
      const d = differentialAt(toks, j);
      if (d && --pending === 0) return d;
      if (d) j = d.end - 1;
    }
  }
  return null;
}

function differentialAt(toks: Token[], j: number): Differential | null {
  const t = toks[j];
  let varStart: number;
  if (t.type === 'letter' && t.text === 'd') varStart = j + 1;
  else if (
    t.type === 'cmd' &&
    UPRIGHT.has(t.text) &&
    toks[j + 1]?.text === '{' &&
    toks[j + 2]?.text === 'd'
  ) {
    // `\mathrm{d}x`, or the whole differential upright: `\mathrm{dx}`.
    if (toks[j + 3]?.text === '}') varStart = j + 4;
    else if (isVariable(toks[j + 3]) && toks[j + 4]?.text === '}')
      return { start: j, varStart: j + 3, end: j + 5 };
    else return null;
  } else return null;
  if (!isVariable(toks[varStart])) return null;
  let end = varStart + 1;
  // A subscripted variable: `dx_1`, `dt_{k}`.
  if (toks[end]?.text === '_') {
    end += 1;
    if (toks[end]?.text === '{') {
      let depth = 0;
      for (; end < toks.length; end++) {
        if (toks[end].text === '{') depth++;
        else if (toks[end].text === '}' && --depth === 0) break;
        if (toks[end].type === 'eof') return null;
      }
      end += 1;
    } else if (toks[end] && toks[end].type !== 'eof') end += 1;
    else return null;
  }
  return { start: j, varStart, end };
}

function isVariable(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'letter') return t.text !== 'd';
  return t.type === 'cmd' && GREEK.has(t.text.slice(1));
}
