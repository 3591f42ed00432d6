// Where the words that can state a setting occur in a document. A sentence that gives `\log` a
// base names the logarithm, and one that gives angles a unit names angles (model/logBase.ts,
// model/angleUnit.ts): a window of prose with neither word states neither, and is not read. Each
// span reads the 2,000 characters before it for such a sentence, so a run-on paragraph of
// thousands of spans read its window once per span (issue 15's stress shapes).

/** The words every stated log base or angle unit contains (either spelling's stem). */
const SETTING_WORDS = /log|angle|bearing|heading/gi;

export class SettingWords {
  private readonly at: number[] = [];

  constructor(source: string) {
    for (const m of source.matchAll(SETTING_WORDS)) this.at.push(m.index ?? 0);
  }

  /** Whether such a word starts in [from, to). */
  within(from: number, to: number): boolean {
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.at.length && this.at[lo] < to;
  }
}
