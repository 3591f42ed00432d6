import type { Node } from '../math/tree';

/**
 * A relation running text set as a constraint ("that is $\|u\| = 1$", "Assume $q > 1$"): it binds
 * the claims of its passage, of its stated result (`unit`), or — stated with the declaration of
 * the names it constrains (`lasting`, each with its declaration's relation number) — as long as
 * those declarations stand.
 */
export interface Constraint {
  passage: number;
  node: Node;
  unit?: number;
  lasting?: { name: string; at: number }[];
  /**
   * The sentence of an equation set with "with / let / where": names it uses that the rest of that
   * sentence declares ("… as $X = U\Sigma V^\top$ with $U \in …$") join `lasting` (build.ts).
   */
  sentence?: number;
}
