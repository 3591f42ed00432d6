// Claim results reused across edits. A claim's verdict depends only on its own text, its
// settings, and the entries (declarations, definitions, cases) it reaches through names; the
// key is exactly that, so an edit re-checks the edited claim and what depends on the edit,
// nothing else. Seeds come from the claim's text, so a cached result equals a fresh one.
import type { Node } from '../math/tree';
import { printNode } from '../math/print';
import { walk } from '../model/names';
import type { Claim, Entry } from '../model/types';
import type { ClaimResult } from './result';
import { entryNodes } from './relevant';

const LIMIT = 20_000;

export class CheckCache {
  private entries = new Map<string, ClaimResult>();
  hits = 0;
  misses = 0;

  /** The cached result moved to the claim's current position, or undefined. */
  get(key: string, claim: Claim): ClaimResult | undefined {
    const r = this.entries.get(key);
    if (!r) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    const shift = claim.start - r.start;
    return shift === 0 ? r : rebase(r, shift);
  }

  set(key: string, result: ClaimResult): void {
    if (this.entries.size >= LIMIT) this.entries.clear();
    this.entries.set(key, result);
  }

  get size(): number {
    return this.entries.size;
  }
}

function rebase(r: ClaimResult, shift: number): ClaimResult {
  const inside = (s: { start: number; end: number }) => s.start >= r.start && s.end <= r.end;
  return {
    ...r,
    opStart: r.opStart + shift,
    opEnd: r.opEnd + shift,
    start: r.start + shift,
    end: r.end + shift,
    // Sample values recorded inside definitions elsewhere would point at stale places: keep the claim's own.
    sample: r.sample?.filter(inside).map((s) => ({ ...s, start: s.start + shift, end: s.end + shift })),
    ...(r.fix ? { fix: { ...r.fix, start: r.fix.start + shift, end: r.fix.end + shift } } : {}),
  };
}

/** Everything a claim's verdict depends on, as text. */
export function claimKey(claim: Claim, text: string, options: string): string {
  const parts: string[] = [
    text,
    options,
    JSON.stringify(claim.settings),
    claim.op,
    claim.skipReason ?? '',
    claim.condition ?? '',
    claim.sameSetting ? 'same setting' : '',
    // The sides as read, not only as written: the document's macros may change under them.
    nodeText(claim.lhs),
    nodeText(claim.rhs),
    ...claim.assumptions.map(nodeText),
  ];
  const seen = new Set<Entry>();
  const queue: Node[] = [claim.lhs, claim.rhs, ...claim.assumptions];
  const names = new Set<string>();
  const visitNames = (n: Node) =>
    walk(n, (x) => {
      if (x.k === 'sym') {
        names.add(x.name);
        if (x.subText !== null) names.add(x.stem);
      }
      if (x.k === 'apply') names.add(x.f.name);
    });
  while (queue.length) {
    visitNames(queue.pop()!);
    for (const name of names) {
      names.delete(name);
      const entry = claim.env.lookup(name, claim.block);
      const found = [
        entry,
        claim.env.lookupPattern(name),
        entry ? null : claim.env.lookupGeneric(name, claim.block),
      ];
      for (const e of found) {
        if (!e || seen.has(e)) continue;
        seen.add(e);
        parts.push(`${e.kind}:${e.name}:${e.text ?? ''}`);
        for (const n of entryNodes(e)) queue.push(n);
      }
      if (claim.env.isDimension(name)) parts.push(`dim:${name}`);
    }
  }
  return parts.join('\u0001');
}

function nodeText(n: Node): string {
  return printNode(n);
}
