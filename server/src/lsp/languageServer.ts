// The derivcheck language server: wires the LSP connection to the document checks and the
// editor features. Checking runs on worker threads; every handler here answers from cached
// results, so typing and hovering never wait for the checker.
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  NotebookCellKind,
  NotebookDocuments,
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
  Position,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatFromLanguage, formatFromPath, loadInput } from '../document/formats';
import type { DocumentKind } from '../document';
import { notebookComposite } from '../document/composite';
import { latexProject } from '../document/latexProject';
import { nodeFileSystem, nodePaths, readTextFile } from '../files/nodeFiles';
import { CompositeMap } from './composites';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { failureDiagnostic, toDiagnostics } from './diagnostics';
import { DocumentChecks } from './documentChecks';
import type { Checked, CheckSource } from './documentChecks';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { definition, documentSymbols } from './navigation';
import { startCheckPool } from './earlyPool';
import type { EarlyPool } from './earlyPool';
import { workerCount } from './pool';
import type { CheckPool } from './pool';
import {
  ClaimsNotification,
  Commands,
  serverCommands,
  StatusNotification,
  VisibleRangesNotification,
} from './protocol';
import type { ClaimsParams, StatusParams, VerifySummary, VisibleRangesParams } from './protocol';
import type { ScreenRange } from './screen';
import type { CheckJob } from './runCheck';
import { checkOptions, defaultSettings, parseSettings } from './settings';
import type { Settings } from './settings';
import { verifyFiles } from './verify';
import { findDerivationFiles, MAX_WORKSPACE_FILES, uriKey, uriToPath } from './workspace';
import { linesToOffsets, toOffset, toPosition } from './positions';
import { StartupTimeline } from './startupTimeline';
import { snapshots } from './snapshot';
import { RefutationLog } from './refutationLog';
import { idleCollector } from '../workers/idleCollect';

// Re-checks reuse unchanged chunks and claims, so a short pause is enough.
const DEBOUNCE_MS = 60;
/** How long code lenses, inlay hints and symbols wait for the check of the current version. */
const FEATURE_WAIT_MS = 3000;
/** Documents whose visible lines are kept (a client may send them for documents never opened). */
const VISIBLE_DOCUMENTS = 64;

/**
 * `timeline`: where start-up time goes, from this process's start (server.ts marks 'loaded');
 * `early`: the checker pool, when it was started before the server was loaded (earlyPool.ts).
 */
export function startServer(
  connection: Connection,
  timeline = new StartupTimeline(),
  early: EarlyPool = startCheckPool(timeline),
): void {
  new DerivcheckServer(connection, timeline, early).listen();
}

class DerivcheckServer {
  /** Each version of an open document is its own snapshot, its line starts moved from the last (snapshot.ts). */
  private readonly documents = new TextDocuments(snapshots);
  /** Notebooks: their Markdown cells are checked together, as one derivation. */
  private readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly openNotebooks = new Set<string>();
  /** For each checked source, the documents its last diagnostics went to (to clear them later). */
  private readonly published = new Map<string, Set<string>>();
  /** The refutations logged at the debug level, for each document (refutationLog.ts). */
  private readonly refutations = new RefutationLog();
  /** Each version's text and results outlive the young generation: freed in full between checks. */
  private readonly collectIfGrown = idleCollector();
  private settings: Settings = defaultSettings;
  private seedOverride: number | null = null;
  private capabilities: ClientCapabilities = {};
  private initOptions: Record<string, unknown> = {};
  private folders: string[] = [];
  private readonly fresh = new Set<string>();
  /** The lines each document's editors show (derivcheck/visibleRanges), by uriKey. */
  private readonly visibleLines = new Map<string, { start: number; end: number }[]>();
  private readonly pool: CheckPool;
  private checks!: DocumentChecks;

  constructor(
    private readonly connection: Connection,
    private readonly timeline: StartupTimeline,
    early: EarlyPool,
  ) {
    // Its first worker has been loading the checker since the process began.
    this.pool = early.pool;
    early.attach((m) => this.log(m));
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => this.pool.dispose());
    c.onDidChangeConfiguration((p) => void this.reloadSettings(p.settings));

    this.documents.onDidOpen((e) => {
      this.timeline.mark('opened');
      this.fresh.add(e.document.uri);
    });
    this.documents.onDidChangeContent((e) => {
      const delay = this.fresh.delete(e.document.uri) ? 0 : DEBOUNCE_MS;
      const source = this.sourceOf(e.document);
      if (source) this.checks.schedule(source, delay);
      this.recheckDependents(e.document.uri);
    });
    c.onNotification(VisibleRangesNotification, (p: VisibleRangesParams) => this.onVisibleRanges(p));
    this.documents.onDidClose((e) => {
      this.fresh.delete(e.document.uri);
      this.visibleLines.delete(uriKey(e.document.uri));
      this.checks.forget(e.document.uri);
      this.clearPublished(e.document.uri);
      void c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });

    this.notebooks.onDidOpen((nb) => {
      this.openNotebooks.add(nb.uri);
      const source = this.notebookSource(nb.uri);
      if (source) this.checks.schedule(source, 0);
    });
    this.notebooks.onDidChange((e) => {
      const source = this.notebookSource(e.notebookDocument.uri);
      if (source) this.checks.schedule(source, DEBOUNCE_MS);
    });
    this.notebooks.onDidClose((nb) => {
      this.openNotebooks.delete(nb.uri);
      this.checks.forget(nb.uri);
      this.clearPublished(nb.uri);
    });

    c.onHover((p) => {
      const t = this.located(p.textDocument.uri, p.position);
      if (!t) return null;
      const m = t.map;
      return m
        ? m.hover(
            hover(t.checked, t.offset, (o) => m.placeName(o, t.part)),
            t.part,
          )
        : hover(t.checked, t.offset);
    });
    c.onDefinition((p) => {
      const t = this.located(p.textDocument.uri, p.position);
      const d = t ? definition(t.checked, t.offset) : null;
      return d && t?.map ? t.map.location(d) : d;
    });
    c.onCodeAction((p) => {
      const t = this.resolved(p.textDocument.uri, this.current(p.textDocument.uri));
      if (!t) return [];
      if (!t.map) return codeActions(t.checked, p.range, p.context.diagnostics);
      const m = t.map;
      const range = m.toRange(t.part, p.range);
      if (!range) return [];
      const diagnostics = p.context.diagnostics.flatMap((d) => {
        const r = m.toRange(t.part, d.range);
        return r ? [{ ...d, range: r }] : [];
      });
      return m.codeActions(codeActions(t.checked, range, diagnostics));
    });
    c.onCodeLens(async (p) => {
      const t = this.resolved(p.textDocument.uri, await this.awaitCurrent(p.textDocument.uri));
      return t ? (t.map ? t.map.codeLenses(codeLenses(t.checked), t.part) : codeLenses(t.checked)) : [];
    });
    c.onDocumentSymbol(async (p) => {
      const t = this.resolved(p.textDocument.uri, await this.awaitCurrent(p.textDocument.uri));
      return t
        ? t.map
          ? t.map.symbols(documentSymbols(t.checked), t.part)
          : documentSymbols(t.checked)
        : [];
    });
    c.languages.inlayHint.on(async (p) => {
      if (!this.settings.inlayHints) return [];
      const t = this.resolved(p.textDocument.uri, await this.awaitCurrent(p.textDocument.uri));
      if (!t) return [];
      if (!t.map) return inlayHints(t.checked, p.range);
      const range = t.map.toRange(t.part, p.range);
      return range ? t.map.inlayHints(inlayHints(t.checked, range), t.part) : [];
    });
    c.onExecuteCommand((p, token, progress) => this.executeCommand(p, token, progress));

    this.documents.listen(c);
    this.notebooks.listen(c);
    c.listen();
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────

  private initialize(params: InitializeParams): InitializeResult {
    this.timeline.mark('initialize');
    this.capabilities = params.capabilities;
    this.initOptions = isObject(params.initializationOptions) ? params.initializationOptions : {};
    this.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.settings = parseSettings(settingsIn(this.initOptions.settings));

    this.pool.resize(workerCountOf(this.settings));
    this.checks = new DocumentChecks(this.pool, (s) => this.jobFor(s, true), {
      checking: (uri, version) => {
        this.startedAt.set(uri, Date.now());
        this.status({ uri, version, state: 'checking', verified: 0, refuted: 0, unchecked: 0, problems: 0 });
      },
      // The claims of the top only: problems wait for the whole document.
      firstScreen: (top) => this.publish({ ...top, result: { ...top.result, problems: [] } }),
      visible: (source) => this.visibleOffsets(source),
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
        // Markdown cells of any notebook: checked together, in cell order.
        notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'markdown' }] }] },
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
      void this.connection.client.register(DidChangeConfigurationNotification.type, {
        section: 'derivcheck',
      });
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        this.folders = this.folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => f.uri));
      });
    }
    this.timeline.mark('initialized');
    await this.reloadSettings(undefined);
    this.log(
      `derivcheck server ready: ${this.pool.size} checker ` +
        `${this.pool.inProcess ? 'slot (in-process)' : 'worker thread(s)'}`,
    );
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
    this.pool.resize(workerCountOf(next));
    if (checkKey(prev) !== checkKey(next)) this.recheckOpen();
    else this.republishOpen();
    this.refreshViews();
  }

  private jobFor(source: CheckSource, interactive: boolean): CheckJob {
    const c = source.composite;
    return {
      text: source.text,
      kind: source.kind,
      options: checkOptions(this.settings, this.seedOverride, interactive),
      inlineMath: this.settings.inlineMath,
      ...(c?.pieces ? { pieces: c.pieces } : {}),
      ...(c?.problems.length
        ? {
            problems: c.problems.map((p) => ({
              start: p.start,
              end: p.end,
              code: p.code,
              message: p.message,
            })),
          }
        : {}),
    };
  }

  // ── results ──────────────────────────────────────────────────────────────────────────────

  private onChecked(checked: Checked): void {
    const began = this.startedAt.get(checked.uri);
    this.startedAt.delete(checked.uri);
    this.logCheck(checked, began === undefined ? null : Date.now() - began);
    this.publish(checked);
    this.timeline.mark('checked');
    const startup = this.timeline.report();
    if (startup) this.connection.console.info(startup);
    const s = checked.result.summary;
    this.status({
      uri: checked.uri,
      version: checked.version,
      state: 'done',
      ...s,
      problems: checked.result.problems.length,
      ...(checked.rechecked === undefined ? {} : { rechecked: checked.rechecked }),
    });
    this.sendClaims(checked);
    this.refreshViews();
    setImmediate(this.collectIfGrown);
  }

  /** The verdicts for the Markdown preview: the same results the diagnostics come from. */
  private sendClaims(checked: Checked): void {
    if (this.initOptions.claimsNotification !== true || checked.composite || checked.kind !== 'markdown')
      return;
    const claims = checked.result.claims.map((c) => {
      const start = toPosition(checked.doc, c.start);
      return {
        verdict: c.verdict,
        message: c.message,
        line: start.line,
        character: start.character,
        endLine: toPosition(checked.doc, c.end).line,
      };
    });
    const params: ClaimsParams = {
      uri: checked.uri,
      version: checked.version > 0 ? checked.version : null,
      claims,
    };
    void this.connection.sendNotification(ClaimsNotification, params);
  }

  private publish(checked: Checked): void {
    this.timeline.mark('first diagnostics');
    const diagnostics: Diagnostic[] = toDiagnostics(checked, this.settings.uncheckedSeverity);
    const version = checked.version > 0 ? checked.version : undefined;
    if (!checked.composite) {
      void this.connection.sendDiagnostics({ uri: checked.uri, version, diagnostics });
      return;
    }
    // Each part's diagnostics go to its own document (a cell, an included file).
    const byUri = new CompositeMap(checked, checked.composite).diagnostics(diagnostics);
    const before = this.published.get(checked.uri) ?? new Set<string>();
    for (const uri of before)
      if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, list] of byUri) {
      void this.connection.sendDiagnostics({
        uri,
        ...(uri === checked.uri ? { version } : {}),
        diagnostics: list,
      });
    }
    this.published.set(checked.uri, new Set(byUri.keys()));
  }

  private clearPublished(uri: string): void {
    this.refutations.forget(uri);
    for (const u of this.published.get(uri) ?? [])
      void this.connection.sendDiagnostics({ uri: u, diagnostics: [] });
    this.published.delete(uri);
  }

  private republishOpen(): void {
    for (const doc of this.documents.all()) {
      const checked = this.checks.current(doc.uri, doc.version);
      if (checked) this.publish(checked);
    }
    for (const uri of this.openNotebooks) {
      const nb = this.notebooks.getNotebookDocument(uri);
      const checked = nb && this.checks.current(uri, nb.version);
      if (checked) this.publish(checked);
    }
  }

  private recheckOpen(): void {
    this.checks.invalidate();
    for (const doc of this.documents.all()) {
      const source = this.sourceOf(doc);
      if (source) this.checks.schedule(source, 0);
    }
    for (const uri of this.openNotebooks) {
      const source = this.notebookSource(uri);
      if (source) this.checks.schedule(source, 0);
    }
  }

  private refreshViews(): void {
    const ws = this.capabilities.workspace;
    if (ws?.codeLens?.refreshSupport)
      void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (ws?.inlayHint?.refreshSupport)
      void this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  private status(p: StatusParams): void {
    if (this.initOptions.statusNotification === true)
      void this.connection.sendNotification(StatusNotification, p);
  }

  // ── visible ranges ───────────────────────────────────────────────────────────────────────

  private onVisibleRanges(p: VisibleRangesParams): void {
    if (typeof p?.uri !== 'string' || !Array.isArray(p.ranges)) {
      this.log(
        `${VisibleRangesNotification}: expected { uri: string, ranges: { start, end }[] } (lines), ` +
          `got ${JSON.stringify(p)?.slice(0, 200)}; the top of the document is checked first instead`,
      );
      return;
    }
    const lines = p.ranges.filter(
      (r) => Number.isInteger(r?.start) && Number.isInteger(r?.end) && 0 <= r.start && r.start <= r.end,
    );
    const key = uriKey(p.uri);
    this.visibleLines.delete(key);
    this.visibleLines.set(key, lines);
    if (this.visibleLines.size > VISIBLE_DOCUMENTS)
      this.visibleLines.delete(this.visibleLines.keys().next().value as string);
    const doc = this.openDocument(p.uri);
    if (doc) this.checks.visibleChanged(doc.uri);
  }

  /** The offsets of the lines the editors show of this version of the document, if known. */
  private visibleOffsets(source: CheckSource): ScreenRange[] | undefined {
    const lines = this.visibleLines.get(uriKey(source.uri));
    const doc = this.documents.get(source.uri);
    if (!lines?.length || !doc || doc.version !== source.version || source.composite) return undefined;
    return lines.map((l) => linesToOffsets(doc, l.start, l.end));
  }

  /** Which check serves a document: its own, or its notebook's (a cell). */
  private owner(uri: string): { uri: string; version: number; doc: TextDocument } | null {
    const doc = this.documents.get(uri);
    if (doc) return { uri, version: doc.version, doc };
    const nb = this.notebooks.findNotebookDocumentForCell(uri);
    const cell = nb && this.notebooks.getNotebookCell(uri);
    const cellDoc = cell && this.notebooks.getCellTextDocument(cell);
    return nb && cellDoc ? { uri: nb.uri, version: nb.version, doc: cellDoc } : null;
  }

  /** The check of the document's current version, if it is finished (never waits). */
  private current(uri: string): Checked | undefined {
    const o = this.owner(uri);
    return o ? this.checks.current(o.uri, o.version) : undefined;
  }

  private async awaitCurrent(uri: string): Promise<Checked | undefined> {
    const o = this.owner(uri);
    return o ? this.checks.whenCurrent(o.uri, o.version, FEATURE_WAIT_MS) : undefined;
  }

  /** A check and, when it is of several documents, the map to the part that is `uri`. */
  private resolved(
    uri: string,
    checked: Checked | undefined,
  ): { checked: Checked; map?: CompositeMap; part: number } | null {
    if (!checked) return null;
    if (!checked.composite) return { checked, part: 0 };
    const map = new CompositeMap(checked, checked.composite);
    const part = map.partOf(uri);
    return part < 0 ? null : { checked, map, part };
  }

  /** As resolved, with the composite offset of a position in `uri`. */
  private located(
    uri: string,
    position: Position,
  ): { checked: Checked; map?: CompositeMap; part: number; offset: number } | null {
    const o = this.owner(uri);
    const t = this.resolved(uri, this.current(uri));
    if (!o || !t) return null;
    const offset = t.map ? t.map.toOffset(t.part, position) : toOffset(o.doc, position);
    return offset === null ? null : { ...t, offset };
  }

  private sourceOf(doc: TextDocument): CheckSource | null {
    const kind = documentKind(doc);
    if (!kind) return null;
    const text = doc.getText();
    const composite = kind === 'latex' ? this.latexComposite(doc.uri, text) : undefined;
    if (composite)
      return {
        uri: doc.uri,
        version: doc.version,
        languageId: doc.languageId,
        kind,
        text: composite.text,
        composite,
      };
    // The version's own snapshot: its check's positions need no line starts found again.
    return { uri: doc.uri, version: doc.version, languageId: doc.languageId, kind, text, doc };
  }

  /**
   * A LaTeX file that includes others or names its root (`% !TEX root`) is read within its
   * project — open editors' texts first, then the disk — and reports only its own diagnostics.
   */
  private latexComposite(uri: string, text: string) {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const disk = nodeFileSystem(readTextFile);
    const openText = (p: string) => this.openDocument(pathToFileURL(p).toString())?.getText();
    const fs = {
      exists: (p: string) => openText(p) !== undefined || disk.exists(p),
      read: (p: string) => {
        const t = uriKey(pathToFileURL(p).toString()) === uriKey(uri) ? text : openText(p);
        return t !== undefined ? { text: t } : disk.read(p);
      },
    };
    let c = /\\(?:input|include|subfile)\b|!TEX\s+root/i.test(text)
      ? loadInput(path, text, 'latex', fs, nodePaths)
      : null;
    if (!c || (c.files.length === 1 && c.problems.length === 0)) {
      // No root named and nothing included: an open file that includes this one is its root.
      c = this.openRootIncluding(path, fs);
      if (!c) return undefined;
    }
    const files = c.files.map((f) => ({
      ...f,
      path: nodePaths.key(f.path) === nodePaths.key(path) ? uri : pathToFileURL(f.path).toString(),
    }));
    const own = files.findIndex((f) => f.path === uri);
    return { ...c, files, focus: [Math.max(0, own)] };
  }

  private openRootIncluding(
    path: string,
    fs: { exists(p: string): boolean; read(p: string): { text: string } | { error: string } },
  ) {
    for (const doc of this.documents.all()) {
      const rootPath = documentKind(doc) === 'latex' ? uriToPath(doc.uri) : null;
      if (
        !rootPath ||
        nodePaths.key(rootPath) === nodePaths.key(path) ||
        !/\\(?:input|include|subfile)\b/.test(doc.getText())
      )
        continue;
      const project = latexProject(rootPath, doc.getText(), fs, nodePaths);
      if (project.files.some((f) => nodePaths.key(f.path) === nodePaths.key(path))) return project;
    }
    return null;
  }

  /** Open LaTeX files whose last check read `uri` (its project's other files) are checked again. */
  private recheckDependents(uri: string): void {
    const key = uriKey(uri);
    const changed = this.documents.get(uri);
    // A file that includes others may have become the root of an open file checked on its own.
    const mayBeRoot =
      !!changed &&
      documentKind(changed) === 'latex' &&
      /\\(?:input|include|subfile)\b/.test(changed.getText());
    for (const doc of this.documents.all()) {
      if (doc.uri === uri) continue;
      const last = this.checks.latest(doc.uri);
      const reads = last?.composite?.files.some((f) => uriKey(f.path) === key);
      if (!reads && !(mayBeRoot && last && !last.composite && last.kind === 'latex')) continue;
      const source = this.sourceOf(doc);
      if (source) this.checks.schedule(source, DEBOUNCE_MS);
    }
  }

  /** A file that is not open: a notebook's JSON, or a text (a LaTeX file within its project). */
  private diskSource(uri: string, text: string): CheckSource | null {
    const path = uriToPath(uri);
    const format = path ? formatFromPath(path) : null;
    if (!format) return null;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (format === 'notebook') {
      // Diagnostics of a closed notebook go to the .ipynb file, at the cells' lines in its JSON.
      const composite = loadInput(uri, text, 'notebook', nodeFileSystem(readTextFile), nodePaths);
      return { uri, version: 0, languageId: 'markdown', kind: 'markdown', text: composite.text, composite };
    }
    const composite = format === 'latex' ? this.latexComposite(uri, text) : undefined;
    return composite
      ? { uri, version: 0, languageId: format, kind: format, text: composite.text, composite }
      : { uri, version: 0, languageId: format, kind: format, text };
  }

  private notebookSource(uri: string): CheckSource | null {
    const nb = this.notebooks.getNotebookDocument(uri);
    if (!nb) return null;
    const cells = nb.cells.flatMap((cell, i) => {
      if (cell.kind !== NotebookCellKind.Markup) return [];
      const doc = this.notebooks.getCellTextDocument(cell);
      return doc ? [{ cell: i + 1, text: doc.getText(), uri: cell.document }] : [];
    });
    const composite = notebookComposite(uri, '', cells);
    return {
      uri,
      version: nb.version,
      languageId: 'markdown',
      kind: 'markdown',
      text: composite.text,
      composite,
    };
  }

  // ── commands ─────────────────────────────────────────────────────────────────────────────

  private async executeCommand(
    p: ExecuteCommandParams,
    token: CancellationToken,
    attached: WorkDoneProgressReporter,
  ): Promise<unknown> {
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
        if (found.leftOut > 0)
          leftOut.push(
            `${found.leftOut} file${found.leftOut === 1 ? ' was' : 's were'} not checked: Verify ` +
              `All checks at most ${MAX_WORKSPACE_FILES} files; check the others with the CLI or open them`,
          );
        for (const u of unreadable) leftOut.push(u);
        if (leftOut.length === 0) return summary;
        for (const l of leftOut) this.log(`Verify All: ${l}`);
        // A notification, not a request: nothing waits for the user to dismiss it.
        void this.connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message:
            `derivcheck: ${found.leftOut + unreadable.length} ` +
            `file${found.leftOut + unreadable.length === 1 ? '' : 's'} not checked. ` +
            leftOut[0] +
            (leftOut.length > 1 ? ` (and ${leftOut.length - 1} more; see the Output channel)` : ''),
        });
        return {
          ...summary,
          notChecked: found.leftOut + unreadable.length,
          notCheckedReasons: leftOut.slice(0, 20),
        };
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

  private async verify(
    uris: string[],
    p: ExecuteCommandParams,
    token: CancellationToken,
    attached: WorkDoneProgressReporter,
  ): Promise<VerifySummary & { unreadable: string[] }> {
    const progress =
      p.workDoneToken !== undefined || !this.capabilities.window?.workDoneProgress
        ? attached
        : await this.connection.window.createWorkDoneProgress();
    return verifyFiles(
      {
        pool: this.pool,
        checkOpen: (uri) => {
          const doc = this.openDocument(uri);
          const nb =
            [...this.openNotebooks].find((u) => uriKey(u) === uriKey(uri)) ??
            this.notebooks.findNotebookDocumentForCell(uri)?.uri;
          const source = doc ? this.sourceOf(doc) : nb ? this.notebookSource(nb) : null;
          return source ? this.checks.check(source) : null;
        },
        jobFor: (s) => this.jobFor(s, false),
        sourceFor: (uri, text) => this.diskSource(uri, text),
        publish: (c, ms) => {
          // A workspace run logs every refutation, and keeps nothing for files not open.
          this.logCheck(c, ms, false);
          this.publish(c);
        },
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
   * One line per check at the info level, one per refuted claim at the debug level when it is new
   * or has moved since the document's last check (refutationLog.ts): the editor's Output channel
   * filters them by the level the user sets on it. The refutations go as one message of lines: a
   * message each cost every edit of a long document hundreds of notifications (≈ 3 ms of this
   * thread at 4,000 claims, 333 refuted).
   */
  private logCheck(checked: Checked, ms: number | null, incremental = true): void {
    const s = checked.result.summary;
    const name = decodeURIComponent(checked.uri.slice(checked.uri.lastIndexOf('/') + 1));
    const n = checked.result.claims.length;
    this.connection.console.info(
      `checked ${name}: ${n} claim${n === 1 ? '' : 's'}, ${s.verified} verified, ${s.refuted} ` +
        `refuted, ${s.unchecked} unchecked` +
        `${checked.rechecked === undefined ? '' : ` (${checked.rechecked} re-checked)`}` +
        `${ms === null ? '' : ` in ${ms} ms`}`,
    );
    const refuted = incremental
      ? this.refutations.lines(checked.uri, name, checked.doc, checked.result.claims)
      : RefutationLog.every(name, checked.doc, checked.result.claims);
    if (refuted.length > 0) this.connection.console.debug(refuted.join('\n'));
  }
}

function documentKind(doc: TextDocument): DocumentKind | null {
  const f = formatFromLanguage(doc.languageId) ?? formatFromPath(doc.uri.replace(/[?#].*$/, ''));
  return f === 'markdown' || f === 'latex' ? f : null;
}

/** Settings as sent by clients: either `{derivcheck: {...}}` or the section itself. */
function settingsIn(x: unknown): unknown {
  if (!isObject(x)) return undefined;
  return isObject(x.derivcheck) ? x.derivcheck : x;
}

function checkKey(s: Settings): string {
  return JSON.stringify([s.trials, s.tolerance, s.seed, s.inlineMath, s.budgets]);
}

function workerCountOf(s: Settings): number {
  return workerCount(s.maxWorkers, { reserveMainThread: true });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
