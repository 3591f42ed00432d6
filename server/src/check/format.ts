// Numbers and tensors as people read them: in messages (short) and hovers (Markdown tables).
import { Tensor, type Rational } from '../engine';
import type Decimal from 'decimal.js';

/** Longest message or detail line a claim result carries (a value is shortened well before this). */
export const MAX_TEXT = 600;

/** A line cut to `max` characters, saying how much was left out. */
export function capText(s: string, max = MAX_TEXT): string {
  return s.length <= max ? s : `${s.slice(0, max - 30)}… (${s.length - max + 30} more characters)`;
}

/** A decimal to `digits` significant digits; huge and tiny ones in exponent form. */
export function formatDecimal(d: Decimal, digits = 6): string {
  if (d.isNaN()) return 'NaN';
  if (!d.isFinite()) return d.isNeg() ? '−∞' : '∞';
  if (d.isZero()) return '0';
  const r = d.toSignificantDigits(Math.max(1, Math.min(digits, 60)));
  const e = r.e;
  if (e >= 21 || e < -6) {
    const [m, x] = r.toExponential().split('e');
    return `${trimZeros(m)}e${x.replace('+', '')}`;
  }
  return trimZeros(r.toFixed());
}

const EXACT_DIGITS = 40;

/** An exact fraction as written when short; otherwise its magnitude and number of digits. */
export function formatRational(r: Rational): string {
  const short = (x: bigint) => (x < 0n ? -x : x) < 10n ** BigInt(EXACT_DIGITS);
  if (short(r.num) && short(r.den)) return r.toString();
  const lg = log10Big(r.num < 0n ? -r.num : r.num) - log10Big(r.den);
  const e = Math.floor(lg);
  const m = 10 ** (lg - e);
  const digits = r.den === 1n ? ` (${Math.floor(log10Big(r.num < 0n ? -r.num : r.num)) + 1} digits)` : '';
  return `${r.num < 0n ? '−' : ''}≈${trimZeros(m.toFixed(5))}e${e}${digits}`;
}

/** log10 of a positive bigint, from its leading hex digits (exact enough for 6 significant digits). */
function log10Big(x: bigint): number {
  if (x === 0n) return -Infinity;
  const hex = x.toString(16);
  const lead = hex.slice(0, 13);
  return Math.log10(parseInt(lead, 16)) + (hex.length - lead.length) * 4 * Math.log10(2);
}

/** A number to `digits` significant digits, without trailing zeros or `-0`. */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0 || Object.is(x, -0)) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e6 || ax < 1e-4) {
    const [m, e] = x.toExponential(digits - 1).split('e');
    return `${trimZeros(m)}e${e.replace('+', '')}`;
  }
  if (Number.isInteger(x)) return String(x);
  return trimZeros(x.toPrecision(digits));
}

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return 'scalar';
  if (shape.length === 1) return `vector of ${shape[0]}`;
  return `${shape.join('×')} ${shape.length === 2 ? 'matrix' : 'tensor'}`;
}

/** One line: `2.5`, `[1, 2, 3]`, `[[1, 2], [3, 4]]`, or a shape with the first entries. */
export function formatShort(t: Tensor, digits = 4, maxEntries = 9): string {
  if (t.rank === 0 || t.size === 1) return formatNumber(t.data[0], digits);
  if (t.size > maxEntries) {
    const head = Array.from(t.data.slice(0, 4), (x) => formatNumber(x, digits)).join(', ');
    return `${describeShape(t.shape)} [${head}, …]`;
  }
  if (t.rank === 1) return `[${Array.from(t.data, (x) => formatNumber(x, digits)).join(', ')}]`;
  if (t.rank === 2) {
    const [m, n] = t.shape;
    const rows: string[] = [];
    for (let i = 0; i < m; i++)
      rows.push(`[${Array.from(t.data.slice(i * n, i * n + n), (x) => formatNumber(x, digits)).join(', ')}]`);
    return `[${rows.join(', ')}]`;
  }
  return (
    `${describeShape(t.shape)} ` +
    `[${Array.from(t.data.slice(0, 4), (x) => formatNumber(x, digits)).join(', ')}, …]`
  );
}

/** Markdown and a short line for a sample value sent as numbers (see SampleValue). */
export function renderSample(
  dims: readonly number[],
  values: ArrayLike<number>,
): { markdown: string; plain: string } {
  const size = dims.reduce((a, b) => a * b, 1);
  if (values.length < size) {
    const head = Array.from(values)
      .slice(0, 4)
      .map((x) => formatNumber(x))
      .join(', ');
    const text = `\`${describeShape(dims)} [${head}, …]\``;
    return { markdown: text, plain: text };
  }
  const t = Tensor.from(dims, values);
  return { markdown: formatMarkdown(t), plain: formatShort(t, 5, 9) };
}

/** Markdown for a hover: a number, a column, or a table for a matrix. */
export function formatMarkdown(t: Tensor, digits = 5): string {
  if (t.rank === 0 || t.size === 1) return `\`${formatNumber(t.data[0], digits)}\``;
  if (t.rank === 1 || t.rank === 2) {
    const [m, n] = t.rank === 1 ? [t.shape[0], 1] : [t.shape[0], t.shape[1]];
    const rows = Math.min(m, 12);
    const cols = Math.min(n, 8);
    const numbers = Array.from({ length: cols }, (_, j) => ` ${j + 1} `);
    const header = `|${numbers.join('|')}${n > cols ? '| … ' : ''}|`;
    const rule = `|${Array.from({ length: cols }, () => '---:').join('|')}${n > cols ? '|---' : ''}|`;
    const body: string[] = [];
    for (let i = 0; i < rows; i++) {
      const cells = Array.from({ length: cols }, (_, j) => ` ${formatNumber(t.data[i * n + j], digits)} `);
      body.push(`|${cells.join('|')}${n > cols ? '| … ' : ''}|`);
    }
    if (m > rows)
      body.push(`|${Array.from({ length: cols }, () => ' ⋮ ').join('|')}${n > cols ? '| ⋱ ' : ''}|`);
    return [header, rule, ...body].join('\n');
  }
  return `\`${formatShort(t, digits, 16)}\``;
}
