// Chemistry's notation in math: a formula (mhchem's `\ce{…}`, `\mathrm{H_2O}`) and the concentration
// of a species in square brackets (`[\mathrm{H^+}]`), each one quantity's name.
import type { Node } from '../tree';
import type { Parser } from '../parser';
import { makeSym } from './nodes';

/** A chemical formula's text with its typesetting dropped: `\mathrm{H_3O^+}`, `H_3O^{+}` and mhchem's `H3O+` alike. */
export function formulaText(text: string): string {
  return text.replace(/\\(?:mathrm|text|textrm|rm|ce)\b/g, '').replace(/[\s{}_^]/g, '');
}

/** An element symbol with an optional count, `H`, `H_2`, `Cl`, `O_{4}`. */
const ELEMENT = String.raw`[A-Z][a-z]?(?:_\{?\d+\}?|\d+)?`;
/** A charge, `^+`, `^-`, `^{2+}`, `^{3-}` (mhchem: `+`, `2-` after the formula). */
const CHARGE = String.raw`(?:\^\{?\d*[+-]\}?|\d*[+-])`;
/** A formula of elements, possibly bracketed groups (`Ca(OH)_2`), with an optional charge. */
const FORMULA = String.raw`(?:${ELEMENT}|\((?:${ELEMENT})+\)(?:_\{?\d+\}?|\d+)?)+${CHARGE}?`;
/** Upright (`\mathrm{H^+}`, `\text{NaCl}`, `\ce{H3O+}`): any formula. */
const UPRIGHT_SPECIES = new RegExp(String.raw`^\\(?:mathrm|text|textrm|ce)\s*\{\s*(${FORMULA})\s*\}$`);
/** Italic: only an ion, whose charge no product of letters writes (`H^+`, `OH^-`, `H_3O^+`). */
const ITALIC_ION = new RegExp(String.raw`^(?:${ELEMENT})+\^\{?\d*[+-]\}?$`);

/**
 * `[\mathrm{H^+}]`, `[\mathrm{OH^-}]`, `[H_3O^+]`, `[\ce{NH4+}]`: the concentration of a chemical
 * species, as chemistry writes it, is one quantity — a name — not the species in brackets. Only a
 * formula set upright, or an ion (a charge after element symbols) in italic; `[HA]` in italic stays
 * a product in brackets. The name is the bracket around the formula's letters, digits and charge,
 * so `[\mathrm{H_3O^+}]`, `[H_3O^+]` and `[\ce{H3O+}]` name one concentration.
 */
export function concentration(p: Parser): Node | null {
  const open = p.i;
  let depth = 0;
  let j = open;
  for (; j < p.toks.length && j < open + 40; j++) {
    const v = p.toks[j].text;
    if (p.toks[j].type === 'eof') return null;
    if (v === '[' || v === '{' || v === '(') depth++;
    else if (v === ']' || v === '}' || v === ')') depth--;
    if (depth === 0) break;
  }
  if (p.toks[j]?.text !== ']' || j < open + 2) return null;
  let text = '';
  for (let k = open + 1; k < j; k++) text += p.toks[k].text;
  if (!UPRIGHT_SPECIES.test(text) && !ITALIC_ION.test(text)) return null;
  p.i = j + 1;
  return makeSym(`[${formulaText(text)}]`, p.toks[open].start, p.toks[j].end);
}
