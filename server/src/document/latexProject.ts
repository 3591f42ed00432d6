// LaTeX projects: a root file that pulls in others with `\input{…}`, `\include{…}` or
// `\subfile{…}`, read as LaTeX reads them — each included file's text in place of the command,
// in reading order — so that the preamble's declarations and directives, and whatever earlier
// files declare, hold in later ones. A file names its root with the magic comment
// `% !TEX root = main.tex` that LaTeX editors use.
//
// Resolution: `\input`/`\include` relative to the root's folder (where LaTeX runs), then to the
// including file's folder; `\subfile` relative to the including file's folder. `name` is tried
// as `name.tex` first, then as written (`\include` always adds `.tex`). Of an included file that
// is a document of its own (`\subfile`, the standalone and docmute packages) only its body,
// between `\begin{document}` and `\end{document}`, is read: its own `\end{document}` must not
// end the root's.
// A missing file, a cycle or nesting deeper than MAX_DEPTH is a problem at the command, never
// followed further.
import { CompositeBuilder, finish } from './composite';
import type { Composite } from './composite';

export const MAX_DEPTH = 16;

export type ReadFile = (path: string) => { text: string } | { error: string };

export interface FileSystem {
  read: ReadFile;
  exists(path: string): boolean;
}

export interface IncludeCommand {
  /** `input`, `include` or `subfile`. */
  command: string;
  /** The argument as written. */
  name: string;
  /** Offsets of the whole command, from the backslash to the closing brace. */
  start: number;
  end: number;
}

const INCLUDE_COMMANDS = new Set(['input', 'include', 'subfile']);
const VERBATIM = /\\begin\{(verbatim|Verbatim|lstlisting|minted|comment|alltt)\*?\}/y;

/** The `\input`, `\include` and `\subfile` commands of a file, outside comments and verbatim. */
export function findIncludes(text: string): IncludeCommand[] {
  const out: IncludeCommand[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c !== 92 /* \ */) {
      i++;
      continue;
    }
    VERBATIM.lastIndex = i;
    const v = VERBATIM.exec(text);
    if (v) {
      const close = text.indexOf(`\\end{${v[1]}`, i + v[0].length);
      i = close < 0 ? n : close + 1;
      continue;
    }
    let j = i + 1;
    while (j < n && /[A-Za-z]/.test(text[j])) j++;
    const name = text.slice(i + 1, j);
    if (j === i + 1) {
      i += 2;
      continue;
    }
    if (name === 'verb' || name === 'verb*') {
      // \verb|…| with any delimiter, on one line.
      const delim = text[j] === '*' ? text[j + 1] : text[j];
      const from = text[j] === '*' ? j + 2 : j + 1;
      const close = delim ? text.indexOf(delim, from) : -1;
      const nl = text.slice(from, close < 0 ? n : close).search(/[\r\n]/);
      i = close >= 0 && nl < 0 ? close + 1 : j;
      continue;
    }
    if (INCLUDE_COMMANDS.has(name)) {
      let k = j;
      while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
      if (text[k] === '{') {
        const close = text.indexOf('}', k + 1);
        const nl = text.slice(k + 1, close < 0 ? n : close).search(/[\r\n]/);
        if (close > k && nl < 0) {
          const arg = text.slice(k + 1, close).trim();
          if (arg) out.push({ command: name, name: arg, start: i, end: close + 1 });
          i = close + 1;
          continue;
        }
      }
    }
    i = j;
  }
  return out;
}

/** The root a file names with `% !TEX root = …` (relative to the file's folder), or null. */
export function magicRoot(text: string): string | null {
  const m = /^[ \t]*%[ \t]*!T[Ee]X[ \t]+root[ \t]*=[ \t]*(.+?)[ \t]*$/m.exec(text);
  return m ? m[1] : null;
}

/** The body of a document of its own (a `\subfile`), or the whole text. */
function bodyRange(text: string): { from: number; to: number } {
  const b = /\\begin\{document\}/.exec(text);
  if (!b) return { from: 0, to: text.length };
  const e = text.indexOf('\\end{document}', b.index);
  return { from: b.index + b[0].length, to: e < 0 ? text.length : e };
}

export interface ProjectOptions {
  /** The path joiner and folder-of functions (node:path's, or URI-aware ones in the server). */
  join(dir: string, name: string): string;
  dirname(path: string): string;
  /** Canonical key for comparing two paths (cycle detection). */
  key(path: string): string;
}

/** Read the project whose root is `rootPath`, its root text given. */
export function latexProject(
  rootPath: string,
  rootText: string,
  fs: FileSystem,
  paths: ProjectOptions,
): Composite {
  const b = new CompositeBuilder();
  const rootDir = paths.dirname(rootPath);
  const partOf = new Map<string, number>();
  const partFor = (path: string, text: string): number => {
    const k = paths.key(path);
    const known = partOf.get(k);
    if (known !== undefined) return known;
    const file = b.addFile(path, text);
    const part = b.addPart({ file, text });
    partOf.set(k, part);
    return part;
  };

  const resolve = (cmd: IncludeCommand, from: string): string | null => {
    const dirs = cmd.command === 'subfile' ? [paths.dirname(from)] : [rootDir, paths.dirname(from)];
    const names =
      cmd.command === 'include' || /\.tex$/i.test(cmd.name)
        ? [withTex(cmd.name)]
        : [`${cmd.name}.tex`, cmd.name];
    for (const d of dirs)
      for (const nm of names) {
        const p = paths.join(d, nm);
        if (fs.exists(p)) return p;
      }
    return null;
  };

  const expand = (path: string, text: string, range: { from: number; to: number }, stack: string[]) => {
    const part = partFor(path, text);
    let at = range.from;
    for (const cmd of findIncludes(text)) {
      if (cmd.start < range.from || cmd.end > range.to) continue;
      b.append(part, at, cmd.end);
      at = cmd.end;
      const problemAt = () => {
        const end = b.text.length;
        return { start: end - (cmd.end - cmd.start), end };
      };
      const target = resolve(cmd, path);
      if (!target) {
        const where =
          cmd.command === 'subfile' || paths.dirname(path) === rootDir
            ? `the folder of ${baseName(path)}`
            : `the folders of ${baseName(rootPath)} and ${baseName(path)}`;
        b.problems.push({
          ...problemAt(),
          code: 'input',
          message:
            `\\${cmd.command}{${cmd.name}}: cannot find ${withTex(cmd.name)} in ${where}; ` +
            `it is not read, so what it declares stays unknown`,
        });
        continue;
      }
      const key = paths.key(target);
      const cycle = stack.indexOf(key);
      if (cycle >= 0) {
        const chain = [...stack.slice(cycle).map((k) => baseName(k)), baseName(target)].join(' → ');
        b.problems.push({
          ...problemAt(),
          code: 'input',
          message:
            `\\${cmd.command}{${cmd.name}} includes a file that is already being read ` +
            `(${chain}); not followed again`,
        });
        continue;
      }
      if (stack.length >= MAX_DEPTH) {
        b.problems.push({
          ...problemAt(),
          code: 'input',
          message: `\\${cmd.command}{${cmd.name}} is nested more than ${MAX_DEPTH} files deep; not followed`,
        });
        continue;
      }
      const r = fs.read(target);
      if ('error' in r) {
        b.problems.push({
          ...problemAt(),
          code: 'input',
          message: `\\${cmd.command}{${cmd.name}}: ${r.error}`,
        });
        continue;
      }
      // Like TeX, an included file ends a line.
      b.separator('\n');
      expand(target, r.text, bodyRange(r.text), [...stack, key]);
      b.separator('\n');
    }
    b.append(part, at, range.to);
  };

  expand(rootPath, rootText, { from: 0, to: rootText.length }, [paths.key(rootPath)]);
  return finish(b, 'latex');
}

function withTex(name: string): string {
  return /\.tex$/i.test(name) ? name : `${name}.tex`;
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}
