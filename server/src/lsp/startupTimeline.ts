// Where the server's start-up time goes, logged once as one line when the first whole document
// has been checked and published. Times are milliseconds since this process began
// (performance.now()), so Node's own start and the loading of dist/server.js count too; the
// editor's side (activation, spawning this process) is logged by the client. The workbench suite
// reads this line (test/e2e/run-vscode.mjs), so its shape is kept: `step ms, step ms, …`.

export const STARTUP_LOG_PREFIX = 'start-up (server):';

export type StartupStep =
  /** dist/server.js loaded and running. */
  | 'loaded'
  | 'initialize'
  | 'initialized'
  /** The first checker worker was created (it loads the checker from then on). */
  | 'worker started'
  /** The first checker worker has loaded the checker. */
  | 'worker ready'
  | 'opened'
  /** The first diagnostics sent: a long document's first screen, or the whole document. */
  | 'first diagnostics'
  /** The first whole document checked and its diagnostics sent. */
  | 'checked';

export class StartupTimeline {
  private readonly marks = new Map<StartupStep, number>();
  private reported = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The first time `step` happens; later ones do not move it. */
  mark(step: StartupStep): void {
    if (!this.reported && !this.marks.has(step)) this.marks.set(step, this.now());
  }

  /** The line to log, once, after the first whole document was checked; null before and after. */
  report(): string | null {
    if (this.reported || !this.marks.has('checked')) return null;
    this.reported = true;
    const steps = [...this.marks]
      .sort((a, b) => a[1] - b[1])
      .map(([step, ms]) => `${step} ${Math.round(ms)}`)
      .join(', ');
    return `${STARTUP_LOG_PREFIX} ${steps} (ms since the server process began)`;
  }
}
