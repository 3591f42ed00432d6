// A checker worker warms up while it waits for its first job. Its first check runs cold: V8 has
// compiled none of the reader, parser, model or engine yet, and on the first screen of a long
// document (issue #14) that cost about three times the warm check (≈170 ms against ≈50 ms). So the
// worker checks a few small documents of the common kinds first: declarations, matrix identities,
// Jacobians, derivatives, numbers, expectations. Each piece is its own task, so a job that arrives
// waits for one piece at most and the rest is dropped; each runs on caches of its own, so nothing
// of it reaches a real check's results.
import { runCheck } from './runCheck';

/** Small documents over the paths most documents take; each is checked on its own. */
export const WARM_UP_PIECES: readonly string[] = [
  [
    'Let $M \\in \\mathbb{R}^{3 \\times 2}$, $N \\in \\mathbb{R}^{2 \\times 3}$',
    'and $p, q \\in \\mathbb{R}^{3}$.',
    '',
    '$$\\operatorname{tr}(MN) = \\operatorname{tr}(NM)$$',
    '',
    '$$(MN)^\\top = N^\\top M^\\top$$',
    '',
    '$$\\|p - q\\|_2^2 = \\|p\\|_2^2 - 2 p^\\top q + \\|q\\|_2^2$$',
  ].join('\n'),
  [
    'Let $V \\in \\mathbb{R}^{2 \\times 3}$, $r \\in \\mathbb{R}^{3}$ and $g = \\tanh(V r)$. Then',
    '',
    '$$\\frac{\\partial g}{\\partial r} = \\operatorname{diag}(1 - g \\odot g) V$$',
    '',
    'and with $a = \\operatorname{softmax}(r)$,',
    '$\\frac{\\partial a}{\\partial r} = \\operatorname{diag}(a) - a a^\\top$.',
  ].join('\n'),
  [
    'For $u \\in \\mathbb{R}$:',
    '',
    '$$\\frac{d}{du} \\sigma(u) = \\sigma(u)(1 - \\sigma(u))$$',
    '',
    '$$\\frac{d}{du}\\left(u^2 e^{u}\\right) = (2u + u^2) e^{u}$$',
  ].join('\n'),
  [
    'Numbers: $\\frac{3}{4} + \\frac{1}{4} = 1$, $\\sqrt{16} = 4$ and $\\sum_{k=1}^{4} k = 10$.',
    '',
    'Take $n = 5$; then $2(n - 1) + 3 = 11$.',
  ].join('\n'),
  ['Let $X \\sim \\mathcal{N}(0, 1)$. Then $\\mathbb{E}[X^2] = 1$ and $\\operatorname{Var}(2X) = 4$.'].join(
    '\n',
  ),
];

/**
 * Checks the pieces one task at a time until they are done (then `done()`) or `stop()` says a job
 * has come. `schedule` runs a function as a later task (setImmediate in the worker).
 */
export function warmUp(
  stop: () => boolean,
  done: () => void = () => {},
  schedule: (run: () => void) => void = setImmediate,
): void {
  let next = 0;
  const step = (): void => {
    if (stop()) return;
    if (next >= WARM_UP_PIECES.length) {
      done();
      return;
    }
    checkPiece(WARM_UP_PIECES[next++]);
    schedule(step);
  };
  schedule(step);
}

/** One piece, as an editor's check runs it (hover samples collected), on throwaway caches. */
export function checkPiece(text: string): ReturnType<typeof runCheck> {
  return runCheck({ text, kind: 'markdown', options: { collectSamples: true }, inlineMath: true });
}
