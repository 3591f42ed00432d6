// Files of the workspace folders that derivcheck reads (document/formats.ts: Markdown, Quarto,
// R Markdown, LaTeX, notebooks), found by the same finder as the CLI's (files/find.ts).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findDerivationPaths } from '../files/find';

/** Verify All checks at most this many files and says how many more there were. */
export const MAX_WORKSPACE_FILES = 100_000;

export interface WorkspaceFiles {
  uris: string[];
  /** Files found beyond MAX_WORKSPACE_FILES. */
  leftOut: number;
  /** Entries passed over (not regular files, broken links, unreadable directories). */
  notes: string[];
}

/** Every derivation file under the folders (URIs), sorted, each real file once. */
export async function findDerivationFiles(
  folderUris: string[],
  maxFiles = MAX_WORKSPACE_FILES,
): Promise<WorkspaceFiles> {
  const roots = folderUris.map(uriToPath).filter((p): p is string => p !== null);
  const found = await findDerivationPaths(roots, { maxFiles });
  return {
    uris: found.files.map((p) => pathToFileURL(p).toString()),
    leftOut: found.leftOut,
    notes: [...found.errors, ...found.notes],
  };
}

export function uriToPath(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

/** A canonical form for comparing file URIs from different sources (client vs. pathToFileURL). */
export function uriKey(uri: string): string {
  const p = uriToPath(uri);
  return p ?? uri;
}
