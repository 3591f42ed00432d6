// A minimal LSP client for the protocol tests: spawns `node dist/server.js --stdio` and talks
// to it with vscode-jsonrpc, answering the server's own requests (configuration, progress,
// registration, refresh) and recording what it pushes.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

/** Build once when the bundle is missing (or DERIVCHECK_REBUILD is set). */
export function ensureBuilt(): void {
  if (existsSync(SERVER) && !process.env.DERIVCHECK_REBUILD) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

export class LspSession {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly progress: ProgressEvent[] = [];
  readonly log: string[] = [];
  settings: Record<string, unknown> = {};
  /** What the server answered to initialize. */
  serverCapabilities: Record<string, unknown> = {};
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(
    folders: string[] = [],
    capabilities: ClientCapabilities = defaultCapabilities(),
    initializationOptions?: Record<string, unknown>,
    /** Another build of the server (a copy of dist/ with some file left out). */
    server = SERVER,
    /** Node flags for the server process (the extension's are package.json's derivcheckServer.execArgv). */
    nodeArgs: string[] = [],
  ): Promise<LspSession> {
    const proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    proc.stderr!.on('data', (d: Buffer) => process.stderr.write(`[server stderr] ${d}`));
    const connection = createMessageConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    const s = new LspSession(proc, connection);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      s.diagnostics.set(p.uri, p);
    });
    connection.onNotification('$/progress', (p: ProgressEvent) => {
      s.progress.push(p);
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      s.log.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(() => s.settings),
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.listen();
    const init: { capabilities?: Record<string, unknown> } = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      ...(initializationOptions ? { initializationOptions } : {}),
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
    });
    s.serverCapabilities = init?.capabilities ?? {};
    await connection.sendNotification('initialized', {});
    return s;
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replace the whole text (a full-document change event). */
  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Poll until `get` returns a value that is not undefined (or throw after `timeoutMs`). */
  async waitFor<T>(what: string, get: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Diagnostics of `uri` once they satisfy `ok` (e.g. for the current version). */
  waitForDiagnostics(
    uri: string,
    ok: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      `diagnostics of ${uri}`,
      () => {
        const p = this.diagnostics.get(uri);
        return p && ok(p) ? p : undefined;
      },
      timeoutMs,
    );
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

export function defaultCapabilities(): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceFolders: true,
      codeLens: { refreshSupport: true },
      inlayHint: { refreshSupport: true },
    },
    window: { workDoneProgress: true },
    textDocument: {
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    },
  };
}
