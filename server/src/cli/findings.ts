// What the CLI reports about a file: its findings (claims that are not verified, and problems),
// each with a position, a fingerprint that survives line moves, and whether a comment or the
// baseline suppresses it.
import { createHash } from 'node:crypto';
import type { ClaimResult, DocumentProblem, DocumentResult } from '../check';
import { suppressionFor } from '../check/suppress';
import { codeInfo } from '../codes';
import type { LineIndex } from '../document';
import type { Place } from '../document/composite';

export interface FileReport {
  /** As shown: relative to the working directory when inside it, '/'-separated. */
  path: string;
  /** Absolute, for baselines kept elsewhere. */
  absPath: string;
  text: string;
  result: DocumentResult;
  lines: LineIndex;
  /** For a notebook or a LaTeX project: where an offset of the combined text is. */
  place?: (offset: number) => Place;
  problemPlace?: (p: DocumentProblem) => Place;
}

/**
 * 1-based line and UTF-16 column in the text a reader sees (a notebook cell, `cell` 1-based),
 * and in the file as stored (a notebook's JSON), where code-scanning tools show it.
 */
export interface Position {
  line: number;
  column: number;
  cell?: number;
  fileLine: number;
  fileColumn: number;
}

export type Suppressed = 'comment' | 'baseline';

export interface Finding {
  file: FileReport;
  code: string;
  level: 'error' | 'warning' | 'note';
  message: string;
  details: string[];
  /** The claim's text, or the source of the problem's range. */
  text: string;
  /** Where the finding is shown (the relation symbol of a claim), and its range. */
  at: number;
  start: number;
  end: number;
  fingerprint: string;
  suppressed?: Suppressed;
  claim?: ClaimResult;
  problem?: DocumentProblem;
}

/** 1-based line and UTF-16 column, as every output format prints them. */
export function position(file: FileReport, offset: number, problem?: DocumentProblem): Position {
  if (file.place) {
    const p = problem && file.problemPlace ? file.problemPlace(problem) : file.place(offset);
    return {
      line: p.line + 1,
      column: p.column + 1,
      ...(p.cell !== undefined ? { cell: p.cell } : {}),
      fileLine: p.fileLine + 1,
      fileColumn: p.fileColumn + 1,
    };
  }
  const p = file.lines.position(offset);
  return { line: p.line + 1, column: p.column + 1, fileLine: p.line + 1, fileColumn: p.column + 1 };
}

/** `path`, or `path#cellN` for a place in a notebook cell. */
export function where(file: FileReport, p: Position): string {
  return p.cell !== undefined ? `${file.path}#cell${p.cell}` : file.path;
}

export function findingsOf(file: FileReport): Finding[] {
  const out: Finding[] = [];
  for (const c of file.result.claims) {
    if (c.verdict === 'verified') continue;
    out.push({
      file,
      code: c.code,
      level: levelOf(c.code),
      message: c.message,
      details: c.details,
      text: c.text,
      at: c.opStart,
      start: c.start,
      end: c.end,
      fingerprint: '',
      claim: c,
    });
  }
  for (const p of file.result.problems) {
    out.push({
      file,
      code: p.code,
      level: levelOf(p.code),
      message: p.message,
      details: [],
      text: file.text.slice(p.start, p.end),
      at: p.start,
      start: p.start,
      end: p.end,
      fingerprint: '',
      problem: p,
    });
  }
  out.sort((a, b) => a.at - b.at || a.start - b.start || a.end - b.end);
  // The same text with the same code may occur twice in a file; the n-th occurrence keeps its
  // fingerprint when lines above it move.
  const seen = new Map<string, number>();
  for (const f of out) {
    const base = fingerprintBase(f);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    f.fingerprint = `${base}:${n}`;
    if (suppressionFor(file.result, f)) f.suppressed = 'comment';
  }
  return out;
}

/** A hash of the code and the finding's text with white space normalised (problems add their message). */
function fingerprintBase(f: Finding): string {
  const norm = f.text.replace(/\s+/g, ' ').trim();
  const key = f.problem ? `${f.code}\0${norm}\0${f.message}` : `${f.code}\0${norm}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function levelOf(code: string): Finding['level'] {
  const level = codeInfo(code)?.level;
  return level === 'error' || level === 'warning' ? level : 'note';
}

export interface Totals {
  files: number;
  verified: number;
  refuted: number;
  unchecked: number;
  suppressed: number;
  inBaseline: number;
}

/** Verdict counts leave out suppressed and baselined claims, which are counted on their own. */
export function totals(reports: FileReport[], findings: Finding[]): Totals {
  const t: Totals = {
    files: reports.length,
    verified: 0,
    refuted: 0,
    unchecked: 0,
    suppressed: 0,
    inBaseline: 0,
  };
  for (const r of reports) for (const c of r.result.claims) if (c.verdict === 'verified') t.verified++;
  for (const f of findings) {
    if (f.suppressed === 'comment') t.suppressed++;
    else if (f.suppressed === 'baseline') t.inBaseline++;
    else if (f.claim) t[f.claim.verdict === 'refuted' ? 'refuted' : 'unchecked']++;
  }
  return t;
}

export function summaryLine(t: Totals): string {
  const quiet = [
    t.suppressed ? `${t.suppressed} suppressed` : '',
    t.inBaseline ? `${t.inBaseline} in baseline` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    `${t.files} file${t.files === 1 ? '' : 's'}: ${t.verified} verified, ${t.refuted} ` +
    `refuted, ${t.unchecked} unchecked${quiet ? `; ${quiet}` : ''}`
  );
}
