// `{}^{n}C_{r}`, `^nC_r`: the number of combinations as Indian and British school texts write it, a
// superscript before the C and a subscript after it. It becomes `\binom{n}{r}`.
import type { Token } from '../tokens';

/** The index just past a script argument at `i` (a braced group or one token), or -1. */
function argumentEnd(toks: Token[], i: number): number {
  const t = toks[i];
  if (!t || t.type === 'eof') return -1;
  if (t.text !== '{') return t.type === 'num' || t.type === 'letter' ? i + 1 : -1;
  let depth = 0;
  for (let k = i; k < toks.length; k++) {
    if (toks[k].text === '{') depth++;
    else if (toks[k].text === '}' && --depth === 0) return k + 1;
  }
  return -1;
}

/** The tokens of a script argument as a braced group. */
function braced(toks: Token[], from: number, to: number): Token[] {
  if (toks[from].text === '{') return toks.slice(from, to);
  const t = toks[from];
  return [{ ...t, type: 'sym', text: '{', end: t.start }, t, { ...t, type: 'sym', text: '}', start: t.end }];
}

export function combinationScripts(toks: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const empty = toks[i].text === '{' && toks[i + 1]?.text === '}' && toks[i + 2]?.text === '^';
    const start = empty ? i : toks[i].text === '^' && !startsScriptBase(toks, i) ? i : -1;
    if (start < 0) continue;
    const caret = empty ? i + 2 : i;
    const nEnd = argumentEnd(toks, caret + 1);
    if (nEnd < 0 || toks[nEnd]?.text !== 'C' || toks[nEnd + 1]?.text !== '_') continue;
    const rEnd = argumentEnd(toks, nEnd + 2);
    if (rEnd < 0) continue;
    const at = toks[start];
    const head: Token = { ...at, type: 'cmd', text: '\\binom', end: at.start };
    const made = [head, ...braced(toks, caret + 1, nEnd), ...braced(toks, nEnd + 2, rEnd)];
    out ??= toks.slice();
    const offset = out.length - toks.length;
    out.splice(start + offset, rEnd - start, ...made);
    i = rEnd - 1;
  }
  return out ?? toks;
}

/** Whether the `^` at `i` raises something written before it (then it is an ordinary power). */
function startsScriptBase(toks: Token[], i: number): boolean {
  const before = toks[i - 1];
  if (!before) return false;
  return !/^(?:=|\+|-|\\times|\\cdot|\(|\[|,|\\left|\\approx|&|\{)$/.test(before.text);
}
