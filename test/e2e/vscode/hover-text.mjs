// What the UI check asserts about a hover's text, as plain functions over strings (the text the
// workbench shows), so that each rule is stated once and can be read without a browser.

/** `[[7.82, 0], [0, 7.13]]` or `4.5` after `left ` / `right ` in a refutation message, flattened. */
export function sideValues(message, side) {
  const m = new RegExp(`\\b${side} (\\[[-\\d., \\[\\]e]*\\]|-?[\\d.]+(?:e[+-]?\\d+)?)`).exec(message);
  if (!m) return null;
  try {
    return [JSON.parse(m[1])].flat(Infinity);
  } catch {
    return null;
  }
}

/** The sizes a counterexample names: `at n = 2, d = 2:` → { n: 2, d: 2 }. */
export function sampleSizes(message) {
  const m = /\bat ((?:\w+ = -?\d+(?:, )?)+)[:,]/.exec(message);
  if (!m) return {};
  return Object.fromEntries(
    m[1]
      .split(', ')
      .filter(Boolean)
      .map((kv) => kv.split(' = '))
      .map(([k, v]) => [k, Number(v)]),
  );
}

/**
 * Why the values a hover shows for a side (more digits) are not the values of the message
 * (rounded to 3 significant digits), or null when they agree.
 */
export function sampleMismatch(messageValues, shownValues) {
  if (!messageValues) return 'the message gives no values for the side';
  if (messageValues.length !== shownValues.length)
    return `the message gives ${messageValues.length} values, the hover ${shownValues.length}`;
  for (let i = 0; i < shownValues.length; i++) {
    const shown = Number(shownValues[i]);
    const rounded = Number(shown.toPrecision(3));
    if (Math.abs(rounded - messageValues[i]) > 1e-9 * Math.max(1, Math.abs(shown)))
      return `value ${i + 1}: the hover shows ${shown}, the message ${messageValues[i]}`;
  }
  return null;
}

/** The flood the issue forbids: many or repeated related-information lines, doubled verdicts. */
export function floodProblems(hoverText, maxRelated = 4) {
  const problems = [];
  // VS Code prints each related-information entry as `file(line, col): message`.
  const related = hoverText.match(/[\w.-]+\(\d+, \d+\): [^\n]*/g) ?? [];
  if (related.length > maxRelated)
    problems.push(`${related.length} related-information lines (at most ${maxRelated})`);
  const seen = new Set();
  for (const line of related) {
    if (seen.has(line)) problems.push(`a repeated related-information line: ${line.slice(0, 80)}`);
    seen.add(line);
  }
  const doubled = /\b(verified|refuted|unchecked)\b[\s—–:✓✗?-]*\b\1\b/.exec(hoverText);
  if (doubled) problems.push(`a doubled verdict word: "${doubled[0]}"`);
  return problems;
}
