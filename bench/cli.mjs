// Section 4: wall time of `node dist/cli.js samples`, Node start-up included.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, median, now } from './common.mjs';

export function runCli({ quick = false, nodeArgs = [] } = {}) {
  const runs = quick ? 3 : 5;
  const times = [];
  let status = null,
    lines = 0;
  // One unmeasured run first: the disk cache, not the code, would otherwise dominate run 1.
  for (let r = 0; r <= runs; r++) {
    const t = now();
    const res = spawnSync(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'cli.js'), 'samples'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const ms = now() - t;
    if (r > 0) times.push(ms);
    status = res.status;
    lines = res.stdout.split('\n').filter(Boolean).length;
  }
  return {
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    exitStatus: status,
    outputLines: lines,
  };
}
