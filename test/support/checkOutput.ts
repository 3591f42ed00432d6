// The output of a check that found nothing, for tests that stand in for the worker pool.
import type { CheckOutput } from '../../server/src/lsp/runCheck';

export function emptyCheckOutput(): CheckOutput {
  return {
    result: {
      spans: 0,
      mathSpans: [],
      claims: [],
      problems: [],
      bindings: [],
      summary: { verified: 0, refuted: 0, unchecked: 0 },
    },
    spans: [],
    elapsedMs: 0,
    rechecked: 0,
  };
}
