// `--stats`: what a run over a book cost, for the reader who wants to know whether a chapter is
// slow before a pre-commit hook or CI runs it on every change. Times vary from run to run, so they
// are printed only when asked: the findings' output stays the same on every machine.

/** One input as checked: a file, or a LaTeX root with the files it includes. */
export interface InputTiming {
  path: string;
  /** Bytes of every file read for it (a notebook's JSON, a root's included files). */
  bytes: number;
  claims: number;
  /** Wall time of its check, in the thread that checked it (waiting for a thread not counted). */
  ms: number;
}

export interface RunStats {
  files: number;
  bytes: number;
  claims: number;
  /** Since the process started: Node's start-up, reading, checking and writing the findings' list. */
  wallMs: number;
  /** User and system time of the process, the worker threads that checked files included. */
  cpuMs: number;
  kbPerSecond: number;
  claimsPerSecond: number;
  /** The slowest inputs, slowest first. */
  slowest: InputTiming[];
}

export const SLOWEST_LISTED = 5;

export function runStats(files: number, inputs: InputTiming[], wallMs: number, cpuMs: number): RunStats {
  const bytes = inputs.reduce((n, i) => n + i.bytes, 0);
  const claims = inputs.reduce((n, i) => n + i.claims, 0);
  const seconds = Math.max(wallMs, 1) / 1000;
  return {
    files,
    bytes,
    claims,
    wallMs: round(wallMs),
    cpuMs: round(cpuMs),
    kbPerSecond: round(bytes / 1024 / seconds),
    claimsPerSecond: round(claims / seconds),
    slowest: [...inputs]
      .sort((a, b) => b.ms - a.ms || (a.path < b.path ? -1 : 1))
      .slice(0, SLOWEST_LISTED)
      .map((i) => ({ ...i, ms: round(i.ms) })),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The lines printed to stderr. */
export function statsLines(s: RunStats): string[] {
  const lines = [
    `${s.files} file${s.files === 1 ? '' : 's'}, ${kilobytes(s.bytes)}, ${s.claims} claim` +
      `${s.claims === 1 ? '' : 's'} in ${seconds(s.wallMs)} wall, ${seconds(s.cpuMs)} CPU (from Node's ` +
      `start): ${Math.round(s.kbPerSecond)} KB/s, ${Math.round(s.claimsPerSecond)} claims/s`,
  ];
  if (s.slowest.length === 0) return lines;
  lines.push('slowest:');
  for (const i of s.slowest)
    lines.push(`  ${seconds(i.ms).padStart(7)}  ${i.path} (${i.claims} claims, ${kilobytes(i.bytes)})`);
  return lines;
}

function kilobytes(bytes: number): string {
  const kb = bytes / 1024;
  return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
