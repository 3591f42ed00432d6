// What checking a document produces: plain data with offsets, shared by the CLI and the server.

export type Verdict = 'verified' | 'refuted' | 'unchecked';

export interface ClaimResult {
  /** Offsets: the relation symbol, and the relation from its left side's start to its right side's end. */
  opStart: number;
  opEnd: number;
  start: number;
  end: number;
  relation: string;
  text: string;
  verdict: Verdict;
  /** Diagnostic code: 'verified' | 'refuted' | 'shape' | 'unchecked'. */
  code: 'verified' | 'refuted' | 'shape' | 'unchecked';
  /** One line leading with the essential fact. */
  message: string;
  /** Further lines: both sides' values, the failing sample, the tolerance. */
  details: string[];
  trials: number;
  /** Largest relative error seen over the trials (0 when not evaluated). */
  maxError: number;
  /** Equation name of the enclosing display, if any. */
  tag: string | null;
  /** A simple relation between the sides of a refuted equation at every sample (diagnose.ts). */
  diagnosis?: string;
  /** The edit that makes a diagnosed claim hold at every sample. */
  fix?: import('./diagnose').ClaimFix;
  /** For a claim with unknown names: directive statements that do not make it wrong (hints.ts). */
  declarations?: string[];
  /** Values at the first sample, for hovers: sub-expression range (from the claim's start) → value. */
  sample?: SampleValue[];
}

export interface SampleValue {
  /** Offsets from the start of the claim (ClaimResult.start), not the document's (placedSamples.ts). */
  start: number;
  end: number;
  /** `3×3 matrix`, `scalar`, `vector of 4`. */
  shape: string;
  /** The tensor's dimensions and entries (row-major); rendered when a hover asks (format.ts). */
  dims: number[];
  values: Float64Array;
}

export interface DocumentProblem {
  start: number;
  end: number;
  code: string;
  message: string;
}

export interface SymbolBinding {
  name: string;
  kind: 'declaration' | 'definition' | 'case' | 'random';
  start: number;
  end: number;
  text: string;
}

/** A math span by offsets: content `start..end`, with delimiters `outerStart..outerEnd`. */
export interface MathRange {
  start: number;
  end: number;
  outerStart: number;
  outerEnd: number;
  display: boolean;
}

export interface DocumentResult {
  spans: number;
  /** Where the math is (for editor features such as "skip this span"). */
  mathSpans: MathRange[];
  claims: ClaimResult[];
  problems: DocumentProblem[];
  bindings: SymbolBinding[];
  summary: { verified: number; refuted: number; unchecked: number };
  /** `derive-disable-next-line` comments, applied by check/suppress.ts (the summary counts all claims). */
  suppressions?: import('../document').Suppression[];
}

export interface CheckOptions {
  trials?: number;
  seed?: number;
  tolerance?: number;
  /** Operations one claim's check may count (default DEFAULT_WORK_BUDGET in budgets.ts). */
  workBudget?: number;
  /** Wall-clock guard per claim in milliseconds (default DEFAULT_TIME_LIMIT_MS); it never decides
   * a trial count. */
  timeBudgetMs?: number;
  /** Largest tensor a claim may allocate (elements, default 1e6). */
  elementBudget?: number;
  /** Keep sub-expression values of the first sample for hovers. */
  collectSamples?: boolean;
  /** Reuse results of claims whose text and dependencies did not change (see cache.ts). */
  cache?: import('./cache').CheckCache;
  /** Reuse the reading of unchanged Markdown chunks (see document/chunks.ts). */
  readCache?: import('../document').ReadCache;
  /** Resume the model's building after the items an edit left alone (see model/resume.ts). */
  modelCache?: import('../model/resume').ModelCache;
  /** Reuse parses of unchanged math spans (see math/cache.ts). */
  parseCache?: import('../math/cache').ParseCache;
  /** Asked between chunks read and between claims; when it returns true checking stops with
   * CheckCancelled. */
  shouldStop?: () => boolean;
  /** Larger documents are not read (default DEFAULT_MAX_READ_BYTES in document/readLimits.ts). */
  maxReadBytes?: number;
  /** Ranges of the text read each on its own (the cells of a notebook; see document/pieces.ts). */
  pieces?: readonly { start: number; end: number }[];
  /**
   * Check only the claims that start in these ranges (a screen of an editor, lsp/screen.ts); the
   * model is built as for the whole text, so their verdicts are the ones a full check gives.
   */
  claimsWithin?: readonly { start: number; end: number }[];
}
