// Quick fixes. The server never edits by itself: each action is a WorkspaceEdit the user picks.
//  - refuted claim with a diagnosis (check/diagnose.ts) → its fix ("Write the coefficient 3.00")
//  - refuted claim whose right side is a number → "Replace with computed value"
//  - any diagnostic in math → "Skip this math span" (a `skip` directive before it)
//  - unchecked "unknown name X" → "Declare X" (a declaration before the paragraph)
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { detailValue, sides } from './claims';
import { eol, lineStart, toOffset, toPosition, toRange } from './positions';
import { SOURCE } from './diagnostics';
import type { Checked } from './documentChecks';
import type { MathRange } from './runCheck';
import type { ClaimResult } from '../check/result';

export function codeActions(c: Checked, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const from = toOffset(c.doc, range.start);
  const to = toOffset(c.doc, range.end);
  const ours = diagnostics.filter((d) => d.source === SOURCE);
  const actions: CodeAction[] = [];
  const skipped = new Set<MathRange>();
  for (const claim of c.result.claims) {
    if (claim.verdict === 'verified' || claim.end < from || claim.start > to) continue;
    const diag = ours.filter(
      (d) => d.code === claim.code && sameRange(d.range, toRange(c.doc, claim.start, claim.end)),
    );
    const fix = diagnosedFix(c, claim, diag);
    if (fix) actions.push(fix);
    const replace = replaceWithComputed(c, claim, diag);
    if (replace) actions.push(fix ? { ...replace, isPreferred: false } : replace);
    actions.push(...declareUnknown(c, claim, diag));
    const span = c.spans.find((s) => s.outerStart <= claim.opStart && claim.opStart <= s.outerEnd);
    if (span && !skipped.has(span)) {
      skipped.add(span);
      actions.push(skipSpan(c, span, diag));
    }
  }
  return actions;
}

function diagnosedFix(c: Checked, claim: ClaimResult, diagnostics: Diagnostic[]): CodeAction | null {
  const f = claim.fix;
  if (claim.verdict !== 'refuted' || !f) return null;
  // The document may have changed since the check: apply only where the claim still reads the same.
  if (c.doc.getText().slice(claim.start, claim.end) !== claim.text) return null;
  return {
    title: f.title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: true,
    edit: { changes: { [c.uri]: [{ range: toRange(c.doc, f.start, f.end), newText: f.newText }] } },
  };
}

function replaceWithComputed(c: Checked, claim: ClaimResult, diagnostics: Diagnostic[]): CodeAction | null {
  if (claim.verdict !== 'refuted') return null;
  const text = c.doc.getText();
  const [a, b] = sides(text, claim).right;
  const literal = text.slice(a, b);
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(literal)) return null;
  const computed = detailValue(claim, 'left');
  if (computed === null) return null;
  const replacement = sameDigits(computed, literal);
  if (replacement === null) return null;
  return {
    title: `Replace with computed value ${replacement}`,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: true,
    edit: { changes: { [c.uri]: [{ range: toRange(c.doc, a, b), newText: replacement }] } },
  };
}

/** `value` written with as many decimals as `literal` (more if that would not change it). */
export function sameDigits(value: number, literal: string): string | null {
  if (!Number.isFinite(value)) return null;
  const dot = literal.indexOf('.');
  let decimals = dot < 0 ? 0 : literal.length - dot - 1;
  let out = value.toFixed(decimals);
  while (Number(out) === Number(literal) && decimals < 6) out = value.toFixed(++decimals);
  if (Number(out) === Number(literal)) return null;
  return out === '-0' ? '0' : out;
}

function skipSpan(c: Checked, span: MathRange, diagnostics: Diagnostic[]): CodeAction {
  const directive = c.kind === 'latex' ? '% derive: skip' : '<!-- derive: skip -->';
  return {
    title: 'Skip this math span',
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [c.uri]: [insertBefore(c, span.outerStart, directive)] } },
  };
}

/** Insert a directive on its own line before the line of `offset` (or just before `offset` when text precedes
 * it on that line). */
function insertBefore(c: Checked, offset: number, directive: string): TextEdit {
  const text = c.doc.getText();
  const start = lineStart(text, offset);
  const prefix = text.slice(start, offset);
  const nl = eol(text);
  const linePrefix = c.kind === 'latex' ? /^[ \t]*$/ : /^[ \t>]*$/;
  if (linePrefix.test(prefix)) {
    const pos = toPosition(c.doc, start);
    // Same indentation and block-quote markers as the line it precedes.
    return { range: { start: pos, end: pos }, newText: `${prefix}${directive}${nl}` };
  }
  const pos = toPosition(c.doc, offset);
  // Inline: an HTML comment may sit in a paragraph; a LaTeX comment ends the line, which TeX ignores.
  return {
    range: { start: pos, end: pos },
    newText: c.kind === 'latex' ? `${directive}${nl}` : `${directive} `,
  };
}

function declareUnknown(c: Checked, claim: ClaimResult, diagnostics: Diagnostic[]): CodeAction[] {
  if (claim.verdict !== 'unchecked') return [];
  // Declarations the checker tried on the claim (check/hints.ts); none when each would refute it.
  if (claim.declarations) {
    if (claim.declarations.length === 0) return [];
    const at = paragraphStart(c.doc.getText(), claim.start);
    const statements = claim.declarations.join('; ');
    const directive = c.kind === 'latex' ? `% derive: ${statements}` : `<!-- derive: ${statements} -->`;
    return [
      {
        title: `Declare ${claim.declarations.map(readable).join(', ')}`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        edit: { changes: { [c.uri]: [insertBefore(c, at, directive)] } },
      },
    ];
  }
  const names = unknownNames(claim.message);
  if (names.length === 0) return [];
  const at = paragraphStart(c.doc.getText(), claim.start);
  const lists = names.length > 1 ? [...names.map((n) => [n]), names] : [names];
  return lists.map((list) => {
    const decl = `${list.join(', ')} \\in \\mathbb{R}`;
    const directive = c.kind === 'latex' ? `% derive: ${decl}` : `<!-- derive: ${decl} -->`;
    return {
      title: `Declare ${list.join(', ')} ∈ ℝ`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: { changes: { [c.uri]: [insertBefore(c, at, directive)] } },
    };
  });
}

/** `W \in \mathbb{R}^{m \times n}` → `W ∈ ℝ^{m×n}` for a menu title. */
function readable(declaration: string): string {
  return declaration
    .replace(/\s*\\in\s*/, ' ∈ ')
    .replace(/\\mathbb\{R\}/g, 'ℝ')
    .replace(/\s*\\times\s*/g, '×');
}

/** Names from a message such as "unchecked: unknown names x, W_{12}" or "unknown name `x`". */
export function unknownNames(message: string): string[] {
  const m = /unknown (?:names?|symbols?)\s*:?\s*(.*)$/i.exec(message);
  if (!m) return [];
  const rest = m[1].replace(/\s*\([^()]*\)\s*$/, '');
  const quoted = [...rest.matchAll(/`([^`]+)`/g)].map((q) => q[1]);
  const names = quoted.length ? quoted : splitTopLevel(rest).map((s) => s.replace(/^['"]|['"]$/g, '').trim());
  return [...new Set(names.filter((n) => n && /^[\\A-Za-z]/.test(n)))];
}

/** Split at commas outside braces. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** Start of the first non-blank character of the paragraph containing `offset`. */
function paragraphStart(text: string, offset: number): number {
  let start = lineStart(text, offset);
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    const line = text.slice(prev, start).replace(/\r?\n$|\r$/, '');
    if (/^[ \t>]*$/.test(line)) break;
    start = prev;
  }
  const m = /^[ \t>]*/.exec(text.slice(start));
  return start + (m ? m[0].length : 0);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
