// The fuzz/property suite, registered with a number of runs: small and seeded in `npm test`
// (test/unit/hardening/fuzz.test.ts), large in `npm run fuzz` (test/fuzz/fuzz.test.ts).
// Replay a failure with FUZZ_SEED=<seed> (and FUZZ_RUNS=<n>) — fast-check prints both.
import { test } from 'node:test';
import fc from 'fast-check';
import type { DocumentKind } from '../../server/src/document/types';
import * as P from './properties';

export interface SuiteOptions {
  /** Runs for the cheap properties (reader, parser, printer). */
  cheap: number;
  /** Runs for the properties that check whole documents. */
  full: number;
  /** Runs for the stress shapes (deep nesting, long runs, reading shapes, chains of definitions, exponents). */
  stress: number;
  /** Runs for floating-point honesty (claims true or false only beyond double precision). */
  precision: number;
  /** A fixed seed makes the bounded run deterministic (unless FUZZ_SEED is given). */
  seed?: number;
  label: string;
}

export function registerFuzzSuite(o: SuiteOptions): void {
  const seedEnv = Number(process.env.FUZZ_SEED);
  const seed = Number.isInteger(seedEnv) ? seedEnv : (o.seed ?? P.recordedSeed());
  const cfg = (numRuns: number): fc.Parameters<unknown> => ({
    numRuns,
    includeErrorInReport: true,
    ...(seed !== undefined ? { seed } : {}),
  });
  const kind = fc.constantFrom<DocumentKind>('markdown', 'latex');
  const seeds = P.seedDocuments().flatMap((d) => P.chunks(d));

  test(`${o.label}: the parser never throws and keeps every range inside the math`, () => {
    fc.assert(
      fc.property(P.mathText, fc.nat(1000), fc.boolean(), (m, base, display) =>
        P.checkParser(m, base, display),
      ),
      cfg(o.cheap),
    );
  });

  test(`${o.label}: print → parse → print is stable on well-formed math`, () => {
    fc.assert(
      fc.property(P.wellFormedMath, (m) => P.checkPrintStable(m)),
      cfg(o.cheap),
    );
  });

  test(`${o.label}: print → parse → print is stable on random math that parses`, () => {
    fc.assert(
      fc.property(P.mathText, (m) => P.checkPrintStable(m)),
      cfg(o.cheap),
    );
  });

  test(`${o.label}: the reader never throws and keeps exact-length texts (random documents)`, () => {
    fc.assert(
      fc.property(P.documentText, kind, (t, k) => P.checkReader(t, k)),
      cfg(o.cheap),
    );
  });

  test(`${o.label}: the reader never throws on arbitrary strings`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), kind, (t, k) => P.checkReader(t, k)),
      cfg(o.cheap),
    );
  });

  test(`${o.label}: reader → model → checker on random documents: no throw, within budget`, () => {
    fc.assert(
      fc.property(P.documentText, kind, (t, k) => P.checkEverything(t, k)),
      cfg(o.full),
    );
  });

  test(`${o.label}: reader → model → checker on mutated documents: no throw, within budget`, () => {
    fc.assert(
      fc.property(P.mutatedDocument(seeds), (d) => P.checkEverything(d.text, d.kind)),
      cfg(o.full),
    );
  });

  const honesty = 'true never refuted, false never verified';
  test(`${o.label}: no verdict from overflow, underflow or lost digits (${honesty})`, () => {
    fc.assert(
      fc.property(P.precisionClaim, (c) => P.checkPrecision(c)),
      cfg(o.precision),
    );
  });

  test(`${o.label}: deep nesting, long runs, definition chains, huge exponents: bounded, no throw`, () => {
    fc.assert(
      fc.property(P.stressDocument, (t) => P.checkStress(t, 'markdown')),
      cfg(o.stress),
    );
  });
}
