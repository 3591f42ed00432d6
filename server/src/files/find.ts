// The one file finder of the CLI and the server's Verify All: the derivation files (.md,
// .markdown, .tex) under some paths. Directories are walked by their real path with a visited
// set, so symbolic-link loops (`ln -s . x`) end and a file reached by several links is found
// once; hidden entries and node_modules are not entered; files that are not regular (FIFOs,
// devices, sockets) are left out with a note, before anything opens them.
import { promises as fsp, type Stats } from 'node:fs';
import { join } from 'node:path';
import { formatFromPath } from '../document/formats';
import { notRegularMessage } from './read';

export interface FoundFiles {
  /** Paths as found (of several spellings of one real file, the smallest), sorted, each real file once. */
  files: string[];
  /** Paths given that cannot be used: missing, unreadable directories, not regular. */
  errors: string[];
  /** Entries passed over on the walk, with the reason (shown, but not an error). */
  notes: string[];
  /** Files found beyond `maxFiles` and not returned. */
  leftOut: number;
}

export interface FindOptions {
  /** Stop collecting after this many files; the rest are counted in `leftOut`. */
  maxFiles?: number;
}

/** Names never entered when walking a directory (a path given explicitly is always used). */
export function skippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export async function findDerivationPaths(roots: string[], options: FindOptions = {}): Promise<FoundFiles> {
  const maxFiles = options.maxFiles ?? Infinity;
  // Real path → the spelling shown: the smallest, so the output does not depend on the order
  // in which the paths were given.
  const byReal = new Map<string, string>();
  const seenDirs = new Set<string>();
  const errors: string[] = [];
  const notes: string[] = [];

  const addFile = async (path: string) => {
    let real = path;
    try {
      real = await fsp.realpath(path);
    } catch {
      /* keep the spelling given */
    }
    const known = byReal.get(real);
    if (known === undefined || cmp(path, known) < 0) byReal.set(real, path);
  };

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch (err) {
      errors.push(`${dir}: cannot read directory (${code(err)})`);
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = (await fsp.readdir(dir)).sort();
    } catch (err) {
      errors.push(`${dir}: cannot read directory (${code(err)})`);
      return;
    }
    for (const name of names) {
      if (skippedName(name)) continue;
      const p = join(dir, name);
      let st: Stats;
      try {
        st = await fsp.stat(p);
      } catch {
        if (formatFromPath(name)) notes.push(`${p}: skipped, a symbolic link to nothing`);
        continue;
      }
      if (st.isDirectory()) await walk(p);
      else if (!formatFromPath(name)) continue;
      else if (st.isFile()) await addFile(p);
      else notes.push(notRegularMessage(p, st));
    }
  };

  // Roots in sorted order: a directory reached twice is walked under its first spelling, and
  // that must not depend on the order of the arguments.
  for (const root of [...new Set(roots)].sort(cmp)) {
    let st: Stats;
    try {
      st = await fsp.stat(root);
    } catch {
      errors.push(`${root}: no such file or directory`);
      continue;
    }
    if (st.isDirectory()) await walk(root);
    else if (st.isFile()) await addFile(root);
    else errors.push(notRegularMessage(root, st));
  }
  const all = [...byReal.values()].sort(cmp);
  const files = all.slice(0, Math.min(all.length, maxFiles));
  return { files, errors, notes, leftOut: all.length - files.length };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? String(err);
}
