// The units a budget calculation converts between — bytes, seconds, floating-point operations —
// each with its factor to the kind's base unit. The reader uses them to give a number written just
// before the unit outside its math (`$= 28$ GB`) that unit; the quantity check converts with them.

export const BUDGET_UNITS = new Map<string, { kind: string; factor: number }>();
const add = (kind: string, factor: number, ...words: string[]) => {
  for (const w of words) BUDGET_UNITS.set(w, { kind, factor });
};
add('information', 1 / 8, 'bit', 'bits');
add('information', 1, 'byte', 'bytes');
add('information', 1e3, 'kB', 'KB');
add('information', 1e6, 'MB');
add('information', 1e9, 'GB');
add('information', 1e12, 'TB');
add('information', 1e15, 'PB');
add('information', 2 ** 10, 'KiB');
add('information', 2 ** 20, 'MiB');
add('information', 2 ** 30, 'GiB');
add('information', 2 ** 40, 'TiB');
add('information', 2 ** 50, 'PiB');
add('time', 1e-9, 'ns');
add('time', 1e-6, 'us');
add('time', 1e-3, 'ms');
add('time', 1, 's', 'sec', 'secs', 'second', 'seconds');
add('time', 60, 'min', 'mins', 'minute', 'minutes');
add('time', 3600, 'h', 'hr', 'hrs', 'hour', 'hours');
add('time', 86400, 'day', 'days');
add('compute', 1, 'FLOP', 'FLOPs', 'flop', 'flops');
for (const [prefix, factor] of [
  ['K', 1e3],
  ['M', 1e6],
  ['G', 1e9],
  ['T', 1e12],
  ['P', 1e15],
  ['E', 1e18],
] as const)
  add('compute', factor, `${prefix}FLOP`, `${prefix}FLOPs`);

/** The scale words, by the power of ten each names (./scaleWords.ts: `$1.21$ billion`). */
export const SCALE_WORDS: Record<number, string> = {
  3: 'thousand',
  6: 'million',
  9: 'billion',
  12: 'trillion',
};
