// The unit a document gives its angles in words: "angles are measured in degrees", "all angles in
// degrees", "we measure angles in degrees", and back: "angles are in radians". From that sentence
// on, a claim whose trigonometric arguments are bare numbers or names is read in degrees when the
// radian reading fails (check/angleUnit.ts).

const ANGLES = String.raw`\b(?:angles?|bearings?|headings?)\b`;
/** "angles are measured in degrees", "all angles in this sheet are given in degrees". */
const ANGLES_IN = new RegExp(
  String.raw`${ANGLES}\s+(?:[a-z]+\s+){0,5}?(?:(?:are|is)\s+)?` +
    String.raw`(?:(?:measured|given|written|expressed|stated)\s+)?in\s+(degrees|radians)\b`,
  'i',
);
/** "we measure angles in degrees", "we work in degrees throughout". */
const MEASURE_IN = /\b(?:measure|give|write)\s+(?:all\s+)?angles\s+in\s+(degrees|radians)\b/i;

/** A negation before the unit ("angles are not in degrees"). */
const NEGATED = /\b(?:not|never|no)\b/i;

/**
 * The unit the last sentence of `prose` that states one gives angles, or null when none does.
 * Only a sentence whose subject is angles counts: "the UI shows degrees" says nothing of the math.
 */
export function statedAngleUnit(prose: string): 'degrees' | 'radians' | null {
  let found: 'degrees' | 'radians' | null = null;
  for (const sentence of prose.split(/[.!?;](?:\s|$)/)) {
    const words = sentence.replace(/\\[()[\]]|\$+|[*_`]/g, ' ').replace(/\s+/g, ' ');
    const m = ANGLES_IN.exec(words) ?? MEASURE_IN.exec(words);
    if (!m || NEGATED.test(m[0])) continue;
    found = m[1].toLowerCase() as 'degrees' | 'radians';
  }
  return found;
}
