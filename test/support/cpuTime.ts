// Hang guards measure this process's CPU time, not wall time: on a loaded machine (CI, or
// several suites at once on two cores) wall time says more about the neighbours than the code.
// Speed targets belong in `npm run bench`; these limits only catch runaway work.

/** Milliseconds of CPU time (user + system) this process has used so far. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
