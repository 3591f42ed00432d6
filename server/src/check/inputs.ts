// Checking a composite (a notebook, a LaTeX project): one check of the whole text, so that
// declarations and definitions carry from part to part, then the verdicts handed to the file
// where each claim is written. Offsets stay composite offsets; document/composite.ts's Placer
// turns them into files, cells, lines and columns.
import type { Composite } from '../document/composite';
import { locate } from '../document/composite';
import { checkText } from './document';
import type { CheckOptions, DocumentProblem, DocumentResult } from './result';

export interface InputProblem extends DocumentProblem {
  /** Set when the problem sits in no part (malformed notebook JSON): an offset of that file's own text. */
  at?: { file: number; offset: number };
}

export interface FileResult {
  /** Index into the composite's files. */
  file: number;
  path: string;
  result: Omit<DocumentResult, 'problems'> & { problems: InputProblem[] };
}

export function checkComposite(
  c: Composite,
  options: CheckOptions = {},
): Omit<DocumentResult, 'problems'> & { problems: InputProblem[] } {
  const r = checkText(c.text, c.kind, c.pieces ? { ...options, pieces: c.pieces } : options);
  if (c.problems.length === 0) return r;
  const problems: InputProblem[] = [...c.problems.map((p) => ({ ...p })), ...r.problems].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  return { ...r, problems };
}

/**
 * The result split by the file each claim and problem is written in, in the composite's file
 * order; only the files in focus (all when there is no focus). A file with nothing to report is
 * still listed, so its clean bill counts.
 */
export function splitByFile(
  c: Composite,
  r: Omit<DocumentResult, 'problems'> & { problems: InputProblem[] },
): FileResult[] {
  const fileOf = (offset: number) => (c.parts.length === 0 ? 0 : locate(c, offset).file);
  const wanted = c.focus ?? c.files.map((_, i) => i);
  return wanted.map((file) => {
    const claims = r.claims.filter((x) => fileOf(x.opStart) === file);
    const problems = r.problems.filter((p) => (p.at ? p.at.file : fileOf(p.start)) === file);
    const mathSpans = r.mathSpans.filter((s) => fileOf(s.start) === file);
    const bindings = r.bindings.filter((b) => fileOf(b.start) === file);
    const summary = { verified: 0, refuted: 0, unchecked: 0 };
    for (const x of claims) summary[x.verdict]++;
    // A plain file keeps the core's own count of spans.
    const spans = c.files.length === 1 ? r.spans : mathSpans.length;
    return {
      file,
      path: c.files[file].path,
      result: { ...r, spans, mathSpans, claims, problems, bindings, summary },
    };
  });
}
