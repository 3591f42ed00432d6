// A claim's hover samples are kept with offsets from the claim's start (SampleValue), so that a
// claim an edit moves keeps its samples as they are and only its own offsets move: rebasing every
// claim below an edit used to copy every sample (about 5 MB per edit on the server's thread at
// 4,000 claims, and as much in the worker's claim cache). Here they are placed in the document.
// Type imports only: the server's thread uses this without loading the checker.
import type { ClaimResult, SampleValue } from './result';

/** A sample of `claim`, with offsets in the document. */
export function placedSample(claim: ClaimResult, s: SampleValue): SampleValue {
  return { ...s, start: claim.start + s.start, end: claim.start + s.end };
}

/** The claim's samples with offsets in the document. */
export function placedSamples(claim: ClaimResult): SampleValue[] {
  return (claim.sample ?? []).map((s) => placedSample(claim, s));
}
