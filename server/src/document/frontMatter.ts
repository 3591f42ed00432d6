// YAML front matter (Jekyll, Hugo, Pandoc, Quarto, R Markdown): a first line `---`, metadata,
// and a closing line `---` or `...`. It is metadata, never prose: a title such as
// `"Cost in $ and $"` must not become math. Blanked with spaces so every offset stays put.

export function frontMatterEnd(text: string): number {
  const first = /^\uFEFF?---[ \t]*(?:\r\n|\n|\r)/.exec(text);
  if (!first) return 0;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(first[0].length);
  const m = close.exec(rest);
  if (!m) return 0;
  // Stop at the end of the closing line (its terminator stays).
  return first[0].length + m.index + m[0].length;
}

export function blankFrontMatter(text: string): string {
  const end = frontMatterEnd(text);
  if (end === 0) return text;
  return text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}
