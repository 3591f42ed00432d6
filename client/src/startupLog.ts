// The editor's half of the start-up log (the server logs its own half): when the extension
// host started, how long activation took, when the language server answered `initialize`, when
// the first diagnostics arrived, when the first that show something arrived (the first screen of
// a document may have none), and when the first document was checked whole. One line, written
// once, when that check is done; the workbench suite reads it (test/e2e/run-vscode.mjs), so its
// shape is kept.

export const CLIENT_STARTUP_PREFIX = 'start-up (editor):';

export class StartupLog {
  private readonly began: number;
  private activatedMs: number | null = null;
  private serverMs: number | null = null;
  private diagnosticsMs: number | null = null;
  private problemsMs: number | null = null;
  private written = false;

  constructor(
    /** How long the extension host had been running when activation began, in seconds. */
    private readonly hostUptimeS: number,
    private readonly write: (line: string) => void,
    /** Milliseconds from any fixed origin (the tests drive their own clock). */
    private readonly clock: () => number = Date.now,
  ) {
    this.began = clock();
  }

  activated(): void {
    this.activatedMs ??= this.clock() - this.began;
  }

  serverStarted(): void {
    this.serverMs ??= this.clock() - this.began;
  }

  /** Diagnostics arrived for a document: `count` of them (none for a first screen all verified). */
  diagnostics(count: number): void {
    this.diagnosticsMs ??= this.clock() - this.began;
    if (count > 0) this.problemsMs ??= this.clock() - this.began;
  }

  /** A document was checked whole (the server's `done` status): the line is written. */
  checked(): void {
    if (this.written) return;
    this.written = true;
    const part = (what: string, ms: number | null) => (ms === null ? [] : [`${what} ${ms}`]);
    const steps = [
      ...part('activated', this.activatedMs),
      ...part('server started', this.serverMs),
      ...part('first diagnostics', this.diagnosticsMs),
      ...part('first problems', this.problemsMs),
      `checked ${this.clock() - this.began}`,
    ];
    this.write(
      `${CLIENT_STARTUP_PREFIX} extension host up ${this.hostUptimeS.toFixed(1)} s when activation ` +
        `began; ${steps.join(', ')} (ms since activation began)`,
    );
  }
}
