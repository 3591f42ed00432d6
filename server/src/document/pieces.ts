// Reading a text in pieces: each piece (a notebook cell) is read on its own, as its own
// document, so that what is left open in one (a `$$`, a code fence) cannot run into the next;
// the items are then moved to their place in the whole text, blocks renumbered to stay unique.
import { Collector } from './common';
import type { DocItem } from './types';

export function readPieces(
  text: string,
  pieces: readonly { start: number; end: number }[],
  out: Collector,
  read: (piece: string, into: Collector) => void,
): void {
  let blocks = 0;
  for (const p of pieces) {
    const start = Math.max(0, Math.min(p.start, text.length));
    const end = Math.max(start, Math.min(p.end, text.length));
    const sub = new Collector(text.slice(start, end));
    read(sub.text, sub);
    const block = (b: number) => (b === 0 ? 0 : b + blocks);
    for (const item of sub.items) out.items.push(moved(item, start, block));
    for (const pr of sub.problems) out.problem(pr.start + start, pr.end + start, pr.code, pr.message);
    blocks += sub.blockCount;
  }
  out.reserveBlocks(blocks);
}

function moved(item: DocItem, by: number, block: (b: number) => number): DocItem {
  if (item.kind === 'directive')
    return { ...item, start: item.start + by, end: item.end + by, block: block(item.block) };
  const m = {
    ...item,
    start: item.start + by,
    end: item.end + by,
    outerStart: item.outerStart + by,
    outerEnd: item.outerEnd + by,
    block: block(item.block),
  };
  if (item.parentBlock !== undefined) m.parentBlock = block(item.parentBlock);
  return m;
}
