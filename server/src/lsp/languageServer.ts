// The derivcheck language server: wires the LSP connection to the document checks and the
// editor features. Checking runs on worker threads; every handler here answers from cached
// results, so typing and hovering never wait for the checker.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type {
  CancellationToken,
  ClientCapabilities,
  Connection,
  Diagnostic,
  ExecuteCommandParams,
  InitializeParams,
  InitializeResult,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { kindFromPath } from '../document';
import type { DocumentKind } from '../document';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { failureDiagnostic, toDiagnostics } from './diagnostics';
import { DocumentChecks } from './documentChecks';
import type { Checked, CheckSource } from './documentChecks';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { definition, documentSymbols } from './navigation';
import { CheckPool } from './pool';
import { Commands, serverCommands, StatusNotification } from './protocol';
import type { StatusParams, VerifySummary } from './protocol';
import type { CheckJob } from './runCheck';
import { checkOptions, defaultSettings, parseSettings } from './settings';
import type { Settings } from './settings';
import { verifyFiles } from './verify';
import { findDerivationFiles, MAX_WORKSPACE_FILES, uriKey } from './workspace';

// Re-checks reuse unchanged chunks and claims, so a short pause is enough.
const DEBOUNCE_MS = 60;
/** How long code lenses, inlay hints and symbols wait for the check of the current version. */
const FEATURE_WAIT_MS = 3000;
/** Hard limit for checking one document. */
const DOCUMENT_TIMEOUT_MS = 120_000;

export function startServer(connection: Connection): void {
  new DerivcheckServer(connection).listen();
}

class DerivcheckServer {
  private readonly documents = new TextDocuments(TextDocument);
  private settings: Settings = defaultSettings;
  private seedOverride: number | null = null;
  private capabilities: ClientCapabilities = {};
  private initOptions: Record<string, unknown> = {};
  private folders: string[] = [];
  private readonly fresh = new Set<string>();
  private pool!: CheckPool;
  private checks!: DocumentChecks;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => this.pool?.dispose());
    c.onDidChangeConfiguration((p) => void this.reloadSettings(p.settings));

    this.documents.onDidOpen((e) => this.fresh.add(e.document.uri));
    this.documents.onDidChangeContent((e) => {
      const delay = this.fresh.delete(e.document.uri) ? 0 : DEBOUNCE_MS;
      const source = this.sourceOf(e.document);
      if (source) this.checks.schedule(source, delay);
    });
    this.documents.onDidClose((e) => {
      this.fresh.delete(e.document.uri);
      this.checks.forget(e.document.uri);
      void c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });

    c.onHover((p) => {
      const cur = this.current(p.textDocument.uri);
      return cur ? hover(cur.checked, cur.doc.offsetAt(p.position)) : null;
    });
    c.onDefinition((p) => {
      const cur = this.current(p.textDocument.uri);
      return cur ? definition(cur.checked, cur.doc.offsetAt(p.position)) : null;
    });
    c.onCodeAction((p) => {
      const cur = this.current(p.textDocument.uri);
      return cur ? codeActions(cur.checked, p.range, p.context.diagnostics) : [];
    });
    c.onCodeLens(async (p) => {
      const checked = await this.awaitCurrent(p.textDocument.uri);
      return checked ? codeLenses(checked) : [];
    });
    c.onDocumentSymbol(async (p) => {
      const checked = await this.awaitCurrent(p.textDocument.uri);
      return checked ? documentSymbols(checked) : [];
    });
    c.languages.inlayHint.on(async (p) => {
      if (!this.settings.inlayHints) return [];
      const checked = await this.awaitCurrent(p.textDocument.uri);
      return checked ? inlayHints(checked, p.range) : [];
    });
    c.onExecuteCommand((p, token, progress) => this.executeCommand(p, token, progress));

    this.documents.listen(c);
    c.listen();
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.initOptions = isObject(params.initializationOptions) ? params.initializationOptions : {};
    this.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.settings = parseSettings(settingsIn(this.initOptions.settings));

    const workerFile = join(__dirname, 'check-worker.js');
    this.pool = new CheckPool(existsSync(workerFile) ? workerFile : null, workerCount(this.settings), DOCUMENT_TIMEOUT_MS, (m) => this.log(m));
    this.checks = new DocumentChecks(this.pool, (s) => this.jobFor(s, true), {
      checking: (uri, version) => { this.startedAt.set(uri, Date.now()); this.status({ uri, version, state: 'checking', verified: 0, refuted: 0, unchecked: 0, problems: 0 }); },
      checked: (checked) => this.onChecked(checked),
      failed: (uri, version, err) => {
        this.log(`checking ${uri} failed: ${err.stack ?? err.message}`);
        void this.connection.sendDiagnostics({ uri, version, diagnostics: [failureDiagnostic(err.message)] });
        this.status({ uri, version, state: 'failed', verified: 0, refuted: 0, unchecked: 0, problems: 0 });
      },
    });

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: serverCommands },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'derivcheck' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'derivcheck' });
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        this.folders = this.folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => f.uri));
      });
    }
    await this.reloadSettings(undefined);
    this.log(`derivcheck server ready: ${this.pool.size} checker ${this.pool.inProcess ? 'slot (in-process)' : 'worker thread(s)'}`);
  }

  // ── settings ─────────────────────────────────────────────────────────────────────────────

  private async reloadSettings(pushed: unknown): Promise<void> {
    let raw: unknown = settingsIn(pushed) ?? settingsIn(this.initOptions.settings);
    if (this.capabilities.workspace?.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration('derivcheck');
      } catch (err) {
        this.log(`could not read the settings: ${String(err)}`);
      }
    }
    this.applySettings(parseSettings(raw));
  }

  private applySettings(next: Settings): void {
    const prev = this.settings;
    this.settings = next;
    this.pool.resize(workerCount(next));
    if (checkKey(prev) !== checkKey(next)) this.recheckOpen();
    else this.republishOpen();
    this.refreshViews();
  }

  private jobFor(source: CheckSource, interactive: boolean): CheckJob {
    return {
      text: source.text,
      kind: source.kind,
      options: checkOptions(this.settings, this.seedOverride, interactive),
      inlineMath: this.settings.inlineMath,
    };
  }

  // ── results ──────────────────────────────────────────────────────────────────────────────

  private onChecked(checked: Checked): void {
    const began = this.startedAt.get(checked.uri);
    this.startedAt.delete(checked.uri);
    this.logCheck(checked, began === undefined ? null : Date.now() - began);
    this.publish(checked);
    const s = checked.result.summary;
    this.status({ uri: checked.uri, version: checked.version, state: 'done', ...s, problems: checked.result.problems.length });
    this.refreshViews();
  }

  private publish(checked: Checked): void {
    const diagnostics: Diagnostic[] = toDiagnostics(checked, this.settings.uncheckedSeverity);
    const version = checked.version > 0 ? checked.version : undefined;
    void this.connection.sendDiagnostics({ uri: checked.uri, version, diagnostics });
  }

  private republishOpen(): void {
    for (const doc of this.documents.all()) {
      const checked = this.checks.current(doc.uri, doc.version);
      if (checked) this.publish(checked);
    }
  }

  private recheckOpen(): void {
    this.checks.invalidate();
    for (const doc of this.documents.all()) {
      const source = this.sourceOf(doc);
      if (source) this.checks.schedule(source, 0);
    }
  }

  private refreshViews(): void {
    const ws = this.capabilities.workspace;
    if (ws?.codeLens?.refreshSupport) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (ws?.inlayHint?.refreshSupport) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  private status(p: StatusParams): void {
    if (this.initOptions.statusNotification === true) void this.connection.sendNotification(StatusNotification, p);
  }

  /** The open document and its check, when the check is of the current version. */
  private current(uri: string): { doc: TextDocument; checked: Checked } | null {
    const doc = this.documents.get(uri);
    const checked = doc && this.checks.current(uri, doc.version);
    return doc && checked ? { doc, checked } : null;
  }

  private async awaitCurrent(uri: string): Promise<Checked | undefined> {
    const doc = this.documents.get(uri);
    return doc ? this.checks.whenCurrent(uri, doc.version, FEATURE_WAIT_MS) : undefined;
  }

  private sourceOf(doc: TextDocument): CheckSource | null {
    const kind = documentKind(doc);
    return kind ? { uri: doc.uri, version: doc.version, languageId: doc.languageId, kind, text: doc.getText() } : null;
  }

  // ── commands ─────────────────────────────────────────────────────────────────────────────

  private async executeCommand(p: ExecuteCommandParams, token: CancellationToken, attached: WorkDoneProgressReporter): Promise<unknown> {
    switch (p.command) {
      case Commands.verifyAll: {
        const found = await findDerivationFiles(this.folders);
        const uris = found.uris;
        const known = new Set(uris.map(uriKey));
        for (const doc of this.documents.all()) {
          if (documentKind(doc) && !known.has(uriKey(doc.uri)) && this.inFolders(doc.uri)) uris.push(doc.uri);
        }
        for (const note of found.notes) this.log(`Verify All: ${note}`);
        const { unreadable, ...summary } = await this.verify(uris, p, token, attached);
        // Files not checked are never passed over in silence: the summary counts them and says why.
        const leftOut: string[] = [];
        if (found.leftOut > 0) leftOut.push(`${found.leftOut} file${found.leftOut === 1 ? ' was' : 's were'} not checked: Verify All checks at most ${MAX_WORKSPACE_FILES} files; check the others with the CLI or open them`);
        for (const u of unreadable) leftOut.push(u);
        if (leftOut.length === 0) return summary;
        for (const l of leftOut) this.log(`Verify All: ${l}`);
        // A notification, not a request: nothing waits for the user to dismiss it.
        void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `derivcheck: ${found.leftOut + unreadable.length} file${found.leftOut + unreadable.length === 1 ? '' : 's'} not checked. ${leftOut[0]}${leftOut.length > 1 ? ` (and ${leftOut.length - 1} more; see the Output channel)` : ''}` });
        return { ...summary, notChecked: found.leftOut + unreadable.length, notCheckedReasons: leftOut.slice(0, 20) };
      }
      case Commands.verifyFile: {
        const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : null;
        if (!uri) throw new Error('derivcheck.verifyFile needs the URI of a file');
        const { unreadable, ...summary } = await this.verify([uri], p, token, attached);
        if (unreadable.length > 0) throw new Error(unreadable[0]);
        return summary;
      }
      case Commands.reseed: {
        this.seedOverride = 1 + Math.floor(Math.random() * 0x7ffffffe);
        this.recheckOpen();
        this.log(`new seed ${this.seedOverride}`);
        return { seed: this.seedOverride };
      }
      case Commands.serverInfo:
        return { pid: process.pid, node: process.version };
      default:
        throw new Error(`unknown command ${p.command}`);
    }
  }

  private async verify(uris: string[], p: ExecuteCommandParams, token: CancellationToken, attached: WorkDoneProgressReporter): Promise<VerifySummary & { unreadable: string[] }> {
    const progress = p.workDoneToken !== undefined || !this.capabilities.window?.workDoneProgress ? attached : await this.connection.window.createWorkDoneProgress();
    return verifyFiles(
      {
        pool: this.pool,
        checkOpen: (uri) => {
          const doc = this.openDocument(uri);
          const source = doc && this.sourceOf(doc);
          return source ? this.checks.check(source) : null;
        },
        jobFor: (s) => this.jobFor(s, false),
        publish: (c, ms) => { this.logCheck(c, ms); this.publish(c); },
        publishFailure: (uri, err) => {
          this.log(`checking ${uri} failed: ${err.stack ?? err.message}`);
          void this.connection.sendDiagnostics({ uri, diagnostics: [failureDiagnostic(err.message)] });
        },
      },
      uris,
      progress,
      token,
    );
  }

  private openDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri) ?? this.documents.all().find((d) => uriKey(d.uri) === uriKey(uri));
  }

  private inFolders(uri: string): boolean {
    const key = uriKey(uri);
    return this.folders.some((f) => key.startsWith(uriKey(f)));
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }

  /** When each document's current check began (for the log line of its result). */
  private readonly startedAt = new Map<string, number>();

  /**
   * One line per check at the info level, one per refuted claim at the debug level: the
   * editor's Output channel filters them by the level the user sets on it.
   */
  private logCheck(checked: Checked, ms: number | null): void {
    const s = checked.result.summary;
    const name = decodeURIComponent(checked.uri.slice(checked.uri.lastIndexOf('/') + 1));
    const n = checked.result.claims.length;
    this.connection.console.info(`checked ${name}: ${n} claim${n === 1 ? '' : 's'}, ${s.verified} verified, ${s.refuted} refuted, ${s.unchecked} unchecked${ms === null ? '' : ` in ${ms} ms`}`);
    for (const c of checked.result.claims) {
      if (c.verdict !== 'refuted') continue;
      const p = checked.doc.positionAt(c.opStart);
      this.connection.console.debug(`  ${name}:${p.line + 1}:${p.character + 1}: ${c.message}`);
    }
  }
}

function documentKind(doc: TextDocument): DocumentKind | null {
  if (doc.languageId === 'markdown') return 'markdown';
  if (doc.languageId === 'latex' || doc.languageId === 'tex') return 'latex';
  return kindFromPath(doc.uri.replace(/[?#].*$/, ''));
}

/** Settings as sent by clients: either `{derivcheck: {...}}` or the section itself. */
function settingsIn(x: unknown): unknown {
  if (!isObject(x)) return undefined;
  return isObject(x.derivcheck) ? x.derivcheck : x;
}

function checkKey(s: Settings): string {
  return JSON.stringify([s.trials, s.tolerance, s.seed, s.inlineMath, s.budgets]);
}

function workerCount(s: Settings): number {
  return s.maxWorkers > 0 ? s.maxWorkers : Math.max(1, Math.min(4, availableParallelism() - 1));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
