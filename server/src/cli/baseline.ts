// A baseline: the findings a project has accepted for now, so that it can adopt derivcheck
// without fixing every old finding first. Keyed by file and fingerprint (not line), so edits
// above a finding do not bring it back; paths are relative to the baseline file's folder, so
// the check may run from any directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Finding } from './findings';

export interface BaselineEntry {
  file: string;
  fingerprint: string;
  code: string;
  text: string;
}

export class BaselineError extends Error {}

export function readBaseline(path: string): Set<string> {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BaselineError(
      `cannot read the baseline ${path} (${(err as NodeJS.ErrnoException).code ?? err}); create ` +
        `one with --write-baseline ${path}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new BaselineError(
      `the baseline ${path} is not JSON (${(err as Error).message}); write it again with ` +
        `--write-baseline ${path}`,
    );
  }
  const findings = (data as { version?: unknown; findings?: unknown })?.findings;
  if ((data as { version?: unknown })?.version !== 1 || !Array.isArray(findings)) {
    throw new BaselineError(
      `the baseline ${path} is not a derivcheck baseline (expected {"version": 1, "findings": ` +
        `[...]}); write it again with --write-baseline ${path}`,
    );
  }
  const keys = new Set<string>();
  for (const f of findings) {
    const e = f as Partial<BaselineEntry>;
    if (typeof e?.file !== 'string' || typeof e.fingerprint !== 'string') {
      throw new BaselineError(
        `the baseline ${path} has an entry without "file" and "fingerprint": ${JSON.stringify(f)}`,
      );
    }
    keys.add(key(e.file, e.fingerprint));
  }
  return keys;
}

/** Marks the findings the baseline lists (those a comment already suppresses stay so). */
export function applyBaseline(baselinePath: string, keys: Set<string>, findings: Finding[]): void {
  for (const f of findings) {
    if (!f.suppressed && keys.has(key(baselineRelative(baselinePath, f.file.absPath), f.fingerprint)))
      f.suppressed = 'baseline';
  }
}

export function writeBaseline(path: string, findings: Finding[]): void {
  const entries: BaselineEntry[] = findings
    .filter((f) => f.suppressed !== 'comment')
    .map((f) => ({
      file: baselineRelative(path, f.file.absPath),
      fingerprint: f.fingerprint,
      code: f.code,
      text: f.text.replace(/\s+/g, ' ').trim().slice(0, 200),
    }))
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.fingerprint, b.fingerprint));
  const doc = {
    version: 1,
    tool: 'derivcheck',
    note:
      'Findings accepted for now: derivcheck --baseline FILE does not report them as failures. ' +
      'Regenerate with --write-baseline.',
    findings: entries,
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
}

function baselineRelative(baselinePath: string, file: string): string {
  return relative(dirname(resolve(baselinePath)), file)
    .split(sep)
    .join('/');
}

const key = (file: string, fingerprint: string) => `${file}\0${fingerprint}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
