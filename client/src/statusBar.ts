// Status bar item: the verdict counts of the active document, a spinner while it is checked.
import * as vscode from 'vscode';
import { Commands } from '../../server/src/lsp/protocol';
import type { StatusParams } from '../../server/src/lsp/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'derivcheck.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private running = true;

  constructor(private readonly isDerivation: (doc: vscode.TextDocument) => boolean) {
    this.item.name = 'derivcheck';
    this.item.command = Commands.showOutput;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
    this.render();
  }

  update(p: StatusParams): void {
    this.byUri.set(p.uri, p);
    this.render();
  }

  /** The last status of a document (for tests and the API). */
  get(uri: string): StatusParams | undefined {
    return this.byUri.get(uri);
  }

  setRunning(running: boolean): void {
    if (running === this.running) return;
    this.running = running;
    if (!running) this.byUri.clear();
    this.render();
  }

  private render(): void {
    if (!this.running) {
      this.item.text = '$(error) derivcheck';
      this.item.tooltip = 'The derivcheck server is not running — click for its output';
      this.item.show();
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.isDerivation(editor.document)) {
      this.item.hide();
      return;
    }
    // A notebook cell's status is its notebook's: the cells are checked together.
    const cell =
      editor.document.uri.scheme === 'vscode-notebook-cell'
        ? vscode.window.activeNotebookEditor?.notebook.uri
        : undefined;
    const s = this.byUri.get((cell ?? editor.document.uri).toString());
    if (!s || s.state === 'checking') {
      this.item.text = '$(sync~spin) derivcheck';
      this.item.tooltip = 'derivcheck: checking…';
    } else if (s.state === 'failed') {
      this.item.text = '$(warning) derivcheck';
      this.item.tooltip = 'derivcheck could not check this document — click for the output';
    } else {
      this.item.text = `$(check) ${s.verified}  $(error) ${s.refuted}  $(question) ${s.unchecked}`;
      this.item.tooltip =
        `derivcheck: ${s.verified} verified, ${s.refuted} refuted, ${s.unchecked} unchecked` +
        (s.problems ? `, ${s.problems} problems` : '');
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
