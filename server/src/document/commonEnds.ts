// Where two versions of a text differ, found from both ends (edits, screens): no project imports, so
// the language server's own thread can use it without loading the reader.
/**
 * The lengths of the longest common prefix of two texts and of their longest common suffix after
 * it, compared in slices first: a long equal stretch costs a few string comparisons, not a loop.
 */
export function commonEnds(before: string, after: string): { prefix: number; suffix: number } {
  const n = Math.min(before.length, after.length);
  let prefix = 0;
  for (let step = 4096; step >= 1; step = step === 1 ? 0 : step >> 4 || 1)
    while (prefix + step <= n && before.slice(prefix, prefix + step) === after.slice(prefix, prefix + step))
      prefix += step;
  const room = n - prefix;
  let suffix = 0;
  for (let step = 4096; step >= 1; step = step === 1 ? 0 : step >> 4 || 1)
    while (
      suffix + step <= room &&
      before.slice(before.length - suffix - step, before.length - suffix) ===
        after.slice(after.length - suffix - step, after.length - suffix)
    )
      suffix += step;
  return { prefix, suffix };
}
