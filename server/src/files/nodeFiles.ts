// The disk as the document readers see it (LaTeX projects, notebooks): paths, existence and the
// safe reader. A module of its own so that the language server's thread, which reads includes but
// never checks, does not load the checker with it (files/inputs.ts imports the checker).
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FileSystem, ProjectOptions } from '../document/latexProject';
import { DEFAULT_MAX_FILE_BYTES, readDocumentFileSync } from './read';

export const nodePaths: ProjectOptions = {
  join: (dir, name) => join(dir, name),
  dirname: (p) => dirname(p),
  key: (p) => resolve(p),
};

export function nodeFileSystem(read: (path: string) => { text: string } | { error: string }): FileSystem {
  return {
    read,
    exists: (p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    },
  };
}

/** A file as text through the safe reader (regular files only, size-capped, UTF-8, BOM dropped). */
export function readTextFile(
  path: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): { text: string } | { error: string } {
  return readDocumentFileSync(path, maxBytes);
}
