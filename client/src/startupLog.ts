// The editor's half of the start-up log (the server logs its own half): when the extension
// host started, how long activation took, when the language server answered `initialize`,
// and when the first diagnostics arrived. One line, written once, at the first diagnostics;
// the workbench suite reads it (test/e2e/run-vscode.mjs), so its shape is kept.

export const CLIENT_STARTUP_PREFIX = 'start-up (editor):';

export class StartupLog {
  private readonly began = Date.now();
  private activatedMs: number | null = null;
  private serverMs: number | null = null;
  private written = false;

  constructor(
    /** How long the extension host had been running when activation began, in seconds. */
    private readonly hostUptimeS: number,
    private readonly write: (line: string) => void,
  ) {}

  activated(): void {
    this.activatedMs ??= Date.now() - this.began;
  }

  serverStarted(): void {
    this.serverMs ??= Date.now() - this.began;
  }

  firstDiagnostics(): void {
    if (this.written) return;
    this.written = true;
    const part = (what: string, ms: number | null) => (ms === null ? [] : [`${what} ${ms}`]);
    const steps = [
      ...part('activated', this.activatedMs),
      ...part('server started', this.serverMs),
      `first diagnostics ${Date.now() - this.began}`,
    ];
    this.write(
      `${CLIENT_STARTUP_PREFIX} extension host up ${this.hostUptimeS.toFixed(1)} s when activation ` +
        `began; ${steps.join(', ')} (ms since activation began)`,
    );
  }
}
