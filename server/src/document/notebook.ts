// Jupyter notebooks (.ipynb, nbformat 4; the `worksheets` of nbformat 3 too): the Markdown
// cells' sources, in cell order, each with the offset in the .ipynb file of every character, so
// that a position in a cell can also be reported as a position in the file itself (SARIF).
// A small JSON parser of our own keeps those offsets; JSON.parse would lose them.
// Reading never throws: malformed JSON or an unexpected layout is a problem with its offset.

export interface NotebookCell {
  /** 1-based position among all the notebook's cells (code cells count), as an editor shows it. */
  cell: number;
  type: string;
  text: string;
  /** raw[i]: offset in the file of text[i]; raw[text.length]: just after the last character. */
  raw: number[];
}

export interface NotebookRead {
  cells: NotebookCell[];
  problem?: { start: number; end: number; message: string };
}

type Json =
  | { t: 'object'; at: number; entries: [string, Json][] }
  | { t: 'array'; at: number; items: Json[] }
  | { t: 'string'; at: number; end: number; value: string }
  | { t: 'scalar'; at: number };

class JsonError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

// Notebooks are shallow; a deeper document is not a notebook (and must not exhaust the stack).
const MAX_DEPTH = 200;

export function readNotebook(raw: string): NotebookRead {
  let root: Json;
  try {
    root = new JsonParser(raw).document();
  } catch (err) {
    const at = err instanceof JsonError ? err.at : 0;
    const why = err instanceof Error ? err.message : String(err);
    return {
      cells: [],
      problem: {
        start: at,
        end: at,
        message:
          `not a valid notebook: the JSON is malformed (${why}); save the notebook again ` +
          `from Jupyter or VS Code`,
      },
    };
  }
  const cellList = cellsOf(root);
  if (!cellList) {
    return {
      cells: [],
      problem: {
        start: root.at,
        end: root.at,
        message: 'not a notebook: expected a JSON object with a "cells" array (nbformat 4)',
      },
    };
  }
  const cells: NotebookCell[] = [];
  cellList.items.forEach((node, i) => {
    if (node.t !== 'object') return;
    const type = field(node, 'cell_type');
    const source = field(node, 'source') ?? field(node, 'input');
    if (type?.t !== 'string' || !source) return;
    const parts =
      source.t === 'string'
        ? [source]
        : source.t === 'array'
          ? source.items.filter((x): x is Extract<Json, { t: 'string' }> => x.t === 'string')
          : [];
    let text = '';
    const offsets: number[] = [];
    let endAt = source.at;
    for (const p of parts) {
      const decoded = decodeWithOffsets(raw, p.at);
      text += decoded.text;
      for (let k = 0; k < decoded.text.length; k++) offsets.push(decoded.offsets[k]);
      endAt = decoded.offsets[decoded.text.length];
    }
    offsets.push(endAt);
    cells.push({ cell: i + 1, type: type.value, text, raw: offsets });
  });
  return { cells };
}

function field(o: Extract<Json, { t: 'object' }>, key: string): Json | undefined {
  for (const [k, v] of o.entries) if (k === key) return v;
  return undefined;
}

function cellsOf(root: Json): Extract<Json, { t: 'array' }> | null {
  if (root.t !== 'object') return null;
  const cells = field(root, 'cells');
  if (cells?.t === 'array') return cells;
  const sheets = field(root, 'worksheets');
  if (sheets?.t === 'array') {
    const items: Json[] = [];
    for (const s of sheets.items) {
      const c = s.t === 'object' ? field(s, 'cells') : undefined;
      if (c?.t === 'array') items.push(...c.items);
    }
    return { t: 'array', at: sheets.at, items };
  }
  return null;
}

/** The string literal starting at `at` (its opening quote), decoded, with each character's offset. */
function decodeWithOffsets(raw: string, at: number): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  let i = at + 1;
  while (i < raw.length && raw[i] !== '"') {
    if (raw[i] === '\\') {
      const e = raw[i + 1];
      if (e === 'u') {
        text += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        offsets.push(i);
        i += 6;
      } else {
        text += ESCAPES[e] ?? e;
        offsets.push(i);
        i += 2;
      }
    } else {
      text += raw[i];
      offsets.push(i);
      i++;
    }
  }
  offsets.push(i);
  return { text, offsets };
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonParser {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): Json {
    if (this.s.charCodeAt(0) === 0xfeff) this.i = 1;
    const v = this.value(0);
    this.space();
    if (this.i < this.s.length)
      throw new JsonError(this.i, 'unexpected text after the end of the JSON value');
    return v;
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  private value(depth: number): Json {
    if (depth > MAX_DEPTH) throw new JsonError(this.i, `nested more than ${MAX_DEPTH} levels deep`);
    this.space();
    const at = this.i;
    const c = this.s[this.i];
    if (c === '{') {
      this.i++;
      const entries: [string, Json][] = [];
      this.space();
      if (this.s[this.i] === '}') {
        this.i++;
        return { t: 'object', at, entries };
      }
      for (;;) {
        this.space();
        if (this.s[this.i] !== '"') throw new JsonError(this.i, 'expected a quoted key');
        const key = this.string();
        this.space();
        if (this.s[this.i] !== ':') throw new JsonError(this.i, "expected ':' after a key");
        this.i++;
        entries.push([key.value, this.value(depth + 1)]);
        this.space();
        if (this.s[this.i] === ',') {
          this.i++;
          continue;
        }
        if (this.s[this.i] === '}') {
          this.i++;
          return { t: 'object', at, entries };
        }
        throw new JsonError(this.i, "expected ',' or '}' in an object");
      }
    }
    if (c === '[') {
      this.i++;
      const items: Json[] = [];
      this.space();
      if (this.s[this.i] === ']') {
        this.i++;
        return { t: 'array', at, items };
      }
      for (;;) {
        items.push(this.value(depth + 1));
        this.space();
        if (this.s[this.i] === ',') {
          this.i++;
          continue;
        }
        if (this.s[this.i] === ']') {
          this.i++;
          return { t: 'array', at, items };
        }
        throw new JsonError(this.i, "expected ',' or ']' in an array");
      }
    }
    if (c === '"') return this.string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.s.slice(this.i, this.i + 64),
    );
    if (!m)
      throw new JsonError(
        this.i,
        this.i >= this.s.length ? 'the file ends too early' : `unexpected '${this.s[this.i]}'`,
      );
    this.i += m[0].length;
    return { t: 'scalar', at };
  }

  private string(): Extract<Json, { t: 'string' }> {
    const at = this.i;
    this.i++;
    let value = '';
    for (;;) {
      if (this.i >= this.s.length) throw new JsonError(at, 'a string is never closed');
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            throw new JsonError(this.i, 'a \\u escape needs four hex digits');
          value += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          value += ESCAPES[e];
          this.i += 2;
        } else throw new JsonError(this.i, 'an unknown escape in a string');
      } else if (c.charCodeAt(0) < 0x20) {
        throw new JsonError(this.i, 'a control character inside a string');
      } else {
        // Outputs hold long base64 strings: copy runs of plain characters at once.
        let j = this.i + 1;
        while (j < this.s.length) {
          const d = this.s.charCodeAt(j);
          if (d === 34 || d === 92 || d < 0x20) break;
          j++;
        }
        value += this.s.slice(this.i, j);
        this.i = j;
      }
    }
    return { t: 'string', at, end: this.i, value };
  }
}
