// Verify All / Verify File: check whole files (open ones through their editor buffers, others
// from disk) on the worker pool, publish their diagnostics, and add up the verdicts.
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { suppressionFor } from '../check/suppress';
import { formatFromPath } from '../document/formats';
import { readDocumentFile } from '../files/read';
import { Cancelled } from './pool';
import { uriToPath } from './workspace';
import type { CheckPool } from './pool';
import type { CheckJob } from './runCheck';
import type { Checked, CheckSource } from './documentChecks';
import type { VerifySummary } from './protocol';

export interface VerifyContext {
  pool: CheckPool;
  /** The open buffer's check, when the file is open in the editor. */
  checkOpen(uri: string): Promise<Checked> | null;
  jobFor(source: CheckSource): CheckJob;
  /** What to check for a file read from disk (a notebook's cells, a LaTeX file in its project). */
  sourceFor(uri: string, text: string): CheckSource | null;
  publish(c: Checked, ms: number): void;
  publishFailure(uri: string, error: Error): void;
}

/** A file that could not be read: Verify All counts it, Verify File answers with its message. */
export class UnreadableFile extends Error {}

export async function verifyFiles(
  ctx: VerifyContext,
  uris: string[],
  progress: WorkDoneProgressReporter,
  token?: CancellationToken,
): Promise<VerifySummary & { unreadable: string[] }> {
  const summary: VerifySummary & { unreadable: string[] } = {
    files: 0,
    verified: 0,
    refuted: 0,
    unchecked: 0,
    unreadable: [],
  };
  progress.begin('Verifying derivations', 0, `${uris.length} files`, true);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < uris.length && !token?.isCancellationRequested) {
      const uri = uris[next++];
      const checked = await verifyOne(ctx, uri);
      finished++;
      if (checked instanceof UnreadableFile) summary.unreadable.push(checked.message);
      else if (checked) {
        summary.files++;
        // As in the CLI, a claim a derive-disable-next-line comment silences is not counted.
        for (const c of checked.result.claims)
          if (c.verdict === 'verified' || !suppressionFor(checked.result, c)) summary[c.verdict]++;
      }
      progress.report(
        Math.round((finished / Math.max(1, uris.length)) * 100),
        `${finished}/${uris.length} ${basename(uri)}`,
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(ctx.pool.size, uris.length)) }, worker));
  } finally {
    progress.done();
  }
  return summary;
}

async function verifyOne(ctx: VerifyContext, uri: string): Promise<Checked | UnreadableFile | null> {
  try {
    const open = ctx.checkOpen(uri);
    if (open) return await open;
    const path = uriToPath(uri);
    if (!path || !formatFromPath(path)) return null;
    const began = Date.now();
    const read = await readDocumentFile(path);
    if ('error' in read) {
      ctx.publishFailure(uri, new Error(read.error));
      return new UnreadableFile(read.error);
    }
    const source = ctx.sourceFor(uri, read.text);
    if (!source) return null;
    const out = await ctx.pool.run(`verify:${uri}`, ctx.jobFor(source));
    const checked: Checked = {
      uri,
      version: 0,
      kind: source.kind,
      doc: TextDocument.create(uri, source.kind, 0, source.text),
      result: out.result,
      spans: out.spans,
      rechecked: out.rechecked,
      ...(source.composite ? { composite: source.composite } : {}),
    };
    ctx.publish(checked, Date.now() - began);
    return checked;
  } catch (err) {
    if (err instanceof Cancelled) return null;
    ctx.publishFailure(uri, err instanceof Error ? err : new Error(String(err)));
    return null;
  }
}

function basename(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
