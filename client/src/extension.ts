// The VS Code extension: starts the derivcheck language server (dist/server.js over IPC),
// restarts it when it crashes, and adds the status bar item and the client-side commands.
// `activate` returns an API for tests and other extensions.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  ClaimsNotification,
  Commands,
  StatusNotification,
  VisibleRangesNotification,
} from '../../server/src/lsp/protocol';
import type { ClaimsParams, StatusParams, VerifySummary } from '../../server/src/lsp/protocol';
import { executeServerCommand, registerClientCommands } from './commands';
import { renderedDocument, verdictMarks } from './preview';
import type { MarkdownItLike, PreviewClaim } from './preview';
import { RestartPolicy } from './restartPolicy';
import { StartupLog } from './startupLog';
import { StatusBar } from './statusBar';
import { type ShownEditor, VisibleRangesReporter } from './visibleRanges';

export interface DerivcheckApi {
  client: LanguageClient;
  verifyAll(): Promise<VerifySummary>;
  verifyFile(uri: vscode.Uri): Promise<VerifySummary>;
  reseed(): Promise<{ seed: number }>;
  /** The last status the server reported for a document. */
  status(uri: vscode.Uri): StatusParams | undefined;
  /** How long activate() took, in milliseconds (the server starts after it returns). */
  activationMs: number;
  /** Resolves once the language server has started. */
  ready: Promise<void>;
  /** The Markdown preview's plugin hook (contributes.markdown.markdownItPlugins). */
  extendMarkdownIt(md: MarkdownItLike): MarkdownItLike;
}

// Quarto's extension calls its documents `quarto`; the R extension calls R Markdown `rmd`; the MDX
// extension calls MDX `mdx`.
const LANGUAGES = ['markdown', 'latex', 'tex', 'quarto', 'rmd', 'mdx'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DerivcheckApi> {
  const began = Date.now();
  const output = vscode.window.createOutputChannel('derivcheck', { log: true });
  const startup = new StartupLog(process.uptime(), (line) => output.info(line));
  const isDerivation = (doc: vscode.TextDocument) => LANGUAGES.includes(doc.languageId);
  const statusBar = new StatusBar(isDerivation);
  context.subscriptions.push(output, statusBar, ...registerClientCommands(() => output));

  // The lines each editor shows: the server checks them first when a document is opened or
  // changed a lot. Sent only while the server runs (a new server is told everything again).
  let running = false;
  const visible = new VisibleRangesReporter((p) => {
    if (running) void client?.sendNotification(VisibleRangesNotification, p).catch(() => undefined);
  });
  const shown = (): ShownEditor[] =>
    vscode.window.visibleTextEditors
      .filter((e) => isDerivation(e.document))
      .map((e) => ({
        uri: client?.code2ProtocolConverter.asUri(e.document.uri) ?? e.document.uri.toString(),
        ranges: e.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })),
      }));
  context.subscriptions.push(
    visible,
    vscode.window.onDidChangeTextEditorVisibleRanges(() => visible.update(shown(), true)),
    vscode.window.onDidChangeVisibleTextEditors(() => visible.update(shown())),
  );

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // Node flags for the server, kept in package.json so that the benchmarks start it the same way:
  // a small young generation for its main thread, and one V8 helper thread instead of four (each
  // keeps its own malloc arena of the optimizing compiler's memory), keep peak memory down
  // (bench/README.md, issue #14).
  const execArgv: string[] = context.extension.packageJSON?.derivcheckServer?.execArgv ?? [];
  // Variables added to the server's environment, from package.json too: glibc's malloc told to keep
  // to a fixed threshold for mapping large blocks of their own (each check's messages between the
  // server's threads carry the document's text), which otherwise rises with the first one freed and
  // leaves the later ones in its heaps (bench/README.md, session 29). Other C libraries ignore it.
  const env: Record<string, string> = context.extension.packageJSON?.derivcheckServer?.env ?? {};
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'], env },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // Markdown cells of notebooks: the server checks a notebook's cells together (notebook
      // sync); hovers, code lenses and quick fixes are asked of each cell.
      { notebook: '*', language: 'markdown' },
    ],
    outputChannel: output,
    initializationOptions: { statusNotification: true, claimsNotification: true },
    errorHandler: new RestartPolicy((message) => {
      void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
        if (choice) output.show(true);
      });
    }),
    middleware: {
      executeCommand: executeServerCommand,
      // What the editors show goes before the document itself, so that its first check knows it.
      didOpen: (document, next) => {
        visible.update(shown());
        return next(document);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        startup.diagnostics(diagnostics.length);
        next(uri, diagnostics);
      },
    },
  };

  client = new LanguageClient('derivcheck', 'derivcheck', serverOptions, clientOptions);
  const c = client;
  // The preview's marks come from the verdicts of the last check of each document.
  const previewClaims = new Map<string, PreviewClaim[]>();
  let refresh: NodeJS.Timeout | undefined;
  const onClaims = (p: ClaimsParams) => {
    const before = JSON.stringify(previewClaims.get(p.uri) ?? []);
    previewClaims.set(p.uri, p.claims);
    if (before === JSON.stringify(p.claims)) return;
    // One refresh for a burst of checks; the preview re-renders and asks the plugin again.
    clearTimeout(refresh);
    refresh = setTimeout(
      () => void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined),
      150,
    );
  };
  context.subscriptions.push(
    c.onNotification(StatusNotification, (p: StatusParams) => {
      if (p.state === 'done') startup.checked();
      statusBar.update(p);
    }),
    c.onNotification(ClaimsNotification, onClaims),
    vscode.workspace.onDidCloseTextDocument((d) => previewClaims.delete(d.uri.toString())),
    { dispose: () => clearTimeout(refresh) },
    c.onDidChangeState((e) => {
      statusBar.setRunning(e.newState === State.Running);
      running = e.newState === State.Running;
      if (running) visible.reset();
    }),
  );
  // Activation does not wait for the server process: editing goes on while it starts.
  const ready = c.start().then(
    () => startup.serverStarted(),
    (err: unknown) => {
      output.error(
        `derivcheck: the language server did not start: ${err instanceof Error ? err.message : String(err)}`,
      );
    },
  );
  startup.activated();

  const run = async <T>(command: string, args: unknown[]) => {
    await ready;
    return c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
  };
  return {
    activationMs: Date.now() - began,
    ready,
    client: c,
    verifyAll: () => run<VerifySummary>(Commands.verifyAll, []),
    verifyFile: (uri) => run<VerifySummary>(Commands.verifyFile, [uri.toString()]),
    reseed: () => run<{ seed: number }>(Commands.reseed, []),
    status: (uri) => statusBar.get(uri.toString()),
    extendMarkdownIt: (md) => {
      verdictMarks(md, (env) => {
        const uri = renderedDocument(env);
        return uri === undefined ? undefined : previewClaims.get(uri);
      });
      return md;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
