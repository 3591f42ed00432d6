// Files of the workspace folders that derivcheck reads (document/formats.ts): Markdown, Quarto,
// R Markdown, LaTeX, notebooks.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatFromPath } from '../document/formats';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.e2e-cache']);
const MAX_FILES = 5000;

/** Every derivation file under the folders (URIs), sorted, without duplicates. */
export async function findDerivationFiles(folderUris: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const uri of folderUris) {
    const root = uriToPath(uri);
    if (root) await walk(root, found);
  }
  return [...found].sort().map((p) => pathToFileURL(p).toString());
}

async function walk(dir: string, found: Set<string>): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (found.size >= MAX_FILES) return;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p, found);
    } else if (e.isFile() && formatFromPath(e.name)) {
      found.add(p);
    }
  }
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
