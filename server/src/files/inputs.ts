// Files on disk → what the CLI checks: each path read with the reader its format calls for
// (document/formats.ts), LaTeX projects checked once from their root, and every verdict placed
// in the file (and notebook cell) where it is written.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkComposite, splitByFile } from '../check/inputs';
import type { FileResult } from '../check/inputs';
import type { CheckOptions } from '../check/result';
import { LineIndex } from '../document';
import { Placer } from '../document/composite';
import type { Composite, Place } from '../document/composite';
import { formatFromPath, loadInput } from '../document/formats';
import { findIncludes, latexProject, magicRoot } from '../document/latexProject';
import { nodeFileSystem, nodePaths, readTextFile } from './nodeFiles';
import { DEFAULT_MAX_FILE_BYTES } from './read';

export { nodeFileSystem, nodePaths, readTextFile };

export interface CheckedInput {
  path: string;
  composite?: Composite;
  result?: ReturnType<typeof checkComposite>;
  error?: string;
}

/** Read and check one path (plain data: it crosses from worker threads). */
export function checkPath(
  path: string,
  options: CheckOptions,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): CheckedInput {
  const format = formatFromPath(path);
  if (!format)
    return {
      path,
      error:
        `${path}: not a Markdown (.md, .markdown, .qmd, .Rmd, .mdx), LaTeX (.tex, .Rnw) or Jupyter ` +
        `notebook (.ipynb) file`,
    };
  const read = (p: string) => readTextFile(p, maxBytes);
  const r = read(path);
  if ('error' in r) return { path, error: r.error };
  const composite = loadInput(path, r.text, format, nodeFileSystem(read), nodePaths);
  // A notebook that is not one is unreadable input, like a binary file.
  const broken = composite.problems.find((p) => p.at);
  if (broken?.at) {
    const p = new Placer(composite).placeInFile(broken.at.file, broken.at.offset);
    return { path, error: `${path}:${p.line + 1}:${p.column + 1}: ${broken.message}` };
  }
  return { path, composite, result: checkComposite(composite, options) };
}

export interface PlacedReport {
  path: string;
  absPath: string;
  /** The text the result's offsets refer to (for a notebook or a project: the combined text). */
  text: string;
  result: FileResult['result'];
  lines: LineIndex;
  /** Where a composite offset is. */
  place(offset: number): Place;
  /** Where a problem is (a problem may sit outside every part, in the file's own text). */
  problemPlace(p: FileResult['result']['problems'][number]): Place;
}

/** One report per file, in the composite's reading order; `display` turns a path into what is printed. */
export function reportsOf(c: CheckedInput, display: (path: string) => string): PlacedReport[] {
  if (!c.composite || !c.result) return [];
  const composite = c.composite;
  const placer = new Placer(composite);
  const lines = new LineIndex(composite.text);
  return splitByFile(composite, c.result).map((f) => ({
    path: display(f.path),
    absPath: resolve(f.path),
    text: composite.text,
    result: f.result,
    lines,
    place: (offset: number) => placer.place(offset),
    problemPlace: (p) => (p.at ? placer.placeInFile(p.at.file, p.at.offset) : placer.place(p.start)),
  }));
}

/** `path`, or `path#cellN` for a place in a notebook cell. */
export function placeName(path: string, p: Place): string {
  return p.cell !== undefined ? `${path}#cell${p.cell}` : path;
}

/**
 * The paths to check, each project once: a `.tex` file that another LaTeX file among `files`
 * includes is checked as part of it, not again on its own (of files that include each other,
 * the first is kept); a file whose `% !TEX root` names a root that is checked anyway is left to it.
 */
export function planInputs(files: string[]): string[] {
  const fs = nodeFileSystem(readTextFile);
  const key = (p: string) => resolve(p);
  const covers = new Map<string, Set<string>>();
  const rootOf = new Map<string, string>();
  for (const f of files) {
    if (formatFromPath(f) !== 'latex') continue;
    const r = readTextFile(f);
    if ('error' in r) continue;
    const named = magicRoot(r.text);
    const root = named ? join(dirname(f), named) : null;
    if (root && key(root) !== key(f) && existsSync(root)) rootOf.set(key(f), key(root));
    if (findIncludes(r.text).length === 0) continue;
    const project = latexProject(f, r.text, fs, nodePaths);
    covers.set(
      key(f),
      new Set(
        project.files
          .slice(1)
          .map((x) => key(x.path))
          .filter((k) => k !== key(f)),
      ),
    );
  }
  const keys = files.map(key);
  const includedBy = (k: string, i: number) =>
    keys.some((g, j) => g !== k && covers.get(g)?.has(k) && (!covers.get(k)?.has(g) || j < i));
  const out: string[] = [];
  const seen = new Set<string>();
  files.forEach((f, i) => {
    const k = keys[i];
    if (seen.has(k) || includedBy(k, i)) return;
    const root = rootOf.get(k);
    if (root && keys.some((g, j) => g === root && !includedBy(g, j))) return;
    seen.add(k);
    out.push(f);
  });
  return out;
}
