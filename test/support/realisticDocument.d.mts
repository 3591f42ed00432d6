// Types of realisticDocument.mjs (a plain module, so that the benchmark imports it without tsx).
export function layerSection(
  number: number,
  options?: {
    title?: string;
    sumOfEntries?: 'inline' | 'display' | null;
    logistic?: 'inline' | 'display' | null;
    matrices?: 'inline' | 'display' | null;
    count?: [number, number];
    slip?: boolean;
  },
): string;
