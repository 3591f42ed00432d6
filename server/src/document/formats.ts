// Where derivations are written: which reader a file gets, and how a file becomes the text
// that is checked (a Composite). The CLI and the language server both come through here.
//
//   .md .markdown .qmd .rmd   Markdown (Quarto and R Markdown are Markdown with front matter
//   .mdx                       and code chunks, which the Markdown reader skips; MDX, as
//                              Docusaurus writes it, is Markdown with imports and JSX tags)
//   .tex                       LaTeX; with `% !TEX root = …` checked as part of its project
//   .Rnw .Snw                  knitr and Sweave: LaTeX with R chunks (`<<>>= … @`), which the
//                              LaTeX reader skips
//   .ipynb                     a Jupyter notebook: its Markdown cells, in order
import { notebookComposite, single } from './composite';
import type { Composite } from './composite';
import { latexProject, magicRoot } from './latexProject';
import type { FileSystem, ProjectOptions } from './latexProject';
import { readNotebook } from './notebook';

export type Format = 'markdown' | 'latex' | 'notebook';

export function formatFromPath(path: string): Format | null {
  if (typeof path !== 'string') return null;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot === name.length - 1 || (dot === 0 && name.length === 1)) return null;
  switch (name.slice(dot + 1).toLowerCase()) {
    case 'md':
    case 'markdown':
    case 'qmd':
    case 'rmd':
    case 'mdx':
      return 'markdown';
    case 'tex':
    case 'rnw':
    case 'snw':
      return 'latex';
    case 'ipynb':
      return 'notebook';
    default:
      return null;
  }
}

/** The reader for an editor language (VS Code's ids, and those of the Quarto and R extensions). */
export function formatFromLanguage(languageId: string): Format | null {
  switch (languageId) {
    case 'markdown':
    case 'quarto':
    case 'rmd':
    case 'rmarkdown':
    case 'mdx':
      return 'markdown';
    case 'latex':
    case 'tex':
      return 'latex';
    default:
      return null;
  }
}

/**
 * The composite to check for `path`, whose text is `text`: a notebook's Markdown cells, a LaTeX
 * file in the context of the root its `% !TEX root` names (reporting only that file), a LaTeX
 * root with everything it includes, or the text as it is. Never throws.
 */
export function loadInput(
  path: string,
  text: string,
  format: Format,
  fs: FileSystem,
  paths: ProjectOptions,
): Composite {
  if (format === 'notebook') {
    const nb = readNotebook(text);
    const c = notebookComposite(
      path,
      text,
      nb.cells.filter((x) => x.type === 'markdown'),
    );
    if (nb.problem) {
      // There is no cell to put it in: the problem is placed in the file's own text.
      c.problems.push({
        start: 0,
        end: 0,
        code: 'input',
        message: nb.problem.message,
        at: { file: 0, offset: nb.problem.start },
      });
    }
    return c;
  }
  if (format === 'latex') {
    const rootName = magicRoot(text);
    if (rootName) {
      const rootPath = paths.join(paths.dirname(path), rootName);
      if (paths.key(rootPath) !== paths.key(path)) {
        // The text given (an editor's buffer) wins over what the disk holds for this file.
        const withThis: FileSystem = {
          exists: (p) => paths.key(p) === paths.key(path) || fs.exists(p),
          read: (p) => (paths.key(p) === paths.key(path) ? { text } : fs.read(p)),
        };
        const r = fs.exists(rootPath) ? withThis.read(rootPath) : { error: 'no such file' };
        const why = 'error' in r ? `cannot be read (${r.error})` : null;
        if (!('error' in r)) {
          const project = latexProject(rootPath, r.text, withThis, paths);
          const mine = project.files.findIndex((f) => paths.key(f.path) === paths.key(path));
          if (mine >= 0) return { ...project, focus: [mine] };
        }
        const c = latexProject(path, text, fs, paths);
        c.problems.unshift({
          start: 0,
          end: 0,
          code: 'input',
          message:
            `% !TEX root names ${rootName}, which ${why ?? 'does not \\input this file'}; ` +
            `this file is checked on its own`,
        });
        return c;
      }
    }
    return latexProject(path, text, fs, paths);
  }
  return single(path, text, 'markdown');
}
