// Client-side commands, and the middleware that completes the server's commands with what
// only the editor knows (the active file) and shows their results.
import * as vscode from 'vscode';
import type { ExecuteCommandSignature } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/lsp/protocol';
import type { ClaimsLensArgs, VerifySummary } from '../../server/src/lsp/protocol';

export function registerClientCommands(output: () => vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.showOutput, () => output().show(true)),
    vscode.commands.registerCommand(Commands.showClaims, showClaims),
  ];
}

/** `executeCommand` middleware for the server's commands (registered by the language client). */
export async function executeServerCommand(
  command: string,
  args: unknown[],
  next: ExecuteCommandSignature,
): Promise<unknown> {
  const fromPalette = args.length === 0;
  if (command === Commands.verifyFile && fromPalette) {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showWarningMessage('derivcheck: open a Markdown or LaTeX file to verify it.');
      return undefined;
    }
    args = [doc.uri.toString()];
  }
  const result = await next(command, args);
  if (fromPalette && isSummary(result)) {
    void announce(result);
  } else if (command === Commands.reseed && isObject(result) && typeof result.seed === 'number') {
    void vscode.window.setStatusBarMessage(`derivcheck: new seed ${result.seed}`, 5000);
  }
  return result;
}

export const SHOW_PROBLEMS = 'Show Problems';

/** The end of Verify All / Verify File: the counts, and the way to the Problems panel. */
async function announce(result: VerifySummary): Promise<void> {
  const choice = await vscode.window.showInformationMessage(summaryText(result), SHOW_PROBLEMS);
  if (choice === SHOW_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

export function summaryText(result: VerifySummary): string {
  const what = result.files === 1 ? '1 file' : `${result.files} files`;
  return (
    `derivcheck: ${what} — ✓ ${result.verified} verified · ✗ ${result.refuted} refuted · ? ` +
    `${result.unchecked} unchecked`
  );
}

async function showClaims(args: ClaimsLensArgs | undefined): Promise<void> {
  if (!args || !Array.isArray(args.claims)) return;
  const mark = { verified: '$(check)', refuted: '$(error)', unchecked: '$(question)' };
  const picked = await vscode.window.showQuickPick(
    args.claims.map((c) => ({ label: `${mark[c.verdict]} ${c.text}`, detail: c.message, claim: c })),
    { title: 'derivcheck: claims', matchOnDetail: true },
  );
  if (!picked) return;
  const pos = new vscode.Position(picked.claim.line, picked.claim.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(args.uri));
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function isSummary(x: unknown): x is VerifySummary {
  return isObject(x) && typeof x.files === 'number' && typeof x.verified === 'number';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
