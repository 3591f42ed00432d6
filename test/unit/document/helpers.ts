// Shared checks for the document reader tests.
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document/index';
import type {
  DirectiveStatement,
  DocumentKind,
  MathSpan,
  ReadResult,
} from '../../../server/src/document/types';

/** Read and check the invariants every result must keep. */
export function read(source: string, kind: DocumentKind = 'markdown'): ReadResult {
  const r = readDocument(source, kind);
  assertInvariants(source, r);
  return r;
}

export function assertInvariants(source: string, r: ReadResult, label = ''): void {
  let last = -1;
  for (const item of r.items) {
    assert.equal(
      item.text.length,
      item.end - item.start,
      `${label} text length matches its range: ${JSON.stringify(item)}`,
    );
    assert.ok(
      item.start >= 0 && item.end <= source.length && item.start <= item.end,
      `${label} range inside the document`,
    );
    for (let i = 0; i < item.text.length; i++) {
      const ch = item.text[i];
      if (ch !== source[item.start + i]) {
        assert.equal(ch, ' ', `${label} only structural characters may differ (offset ${item.start + i})`);
      }
    }
    const at = item.kind === 'math' ? item.outerStart : item.start;
    assert.ok(at >= last, `${label} items in document order`);
    last = at;
    if (item.kind === 'math') {
      assert.ok(
        item.outerStart <= item.start && item.end <= item.outerEnd && item.outerEnd <= source.length,
        `${label} outer range`,
      );
    }
  }
  for (const p of r.problems)
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= source.length, `${label} problem range`);
}

export function spans(r: ReadResult): MathSpan[] {
  return r.items.filter((i): i is MathSpan => i.kind === 'math');
}

export function directives(r: ReadResult): DirectiveStatement[] {
  return r.items.filter((i): i is DirectiveStatement => i.kind === 'directive');
}

export function texts(r: ReadResult): string[] {
  return r.items.map((i) => i.text);
}

/** Offset of the `n`-th (0-based) occurrence of `needle` in `source`. */
export function at(source: string, needle: string, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = source.indexOf(needle, i + 1);
    assert.ok(i >= 0, `"${needle}" occurs ${n + 1} times`);
  }
  return i;
}
