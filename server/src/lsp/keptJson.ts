// Messages to a client over a stream, encoded as the library does (JSON in UTF-8), except that a
// frozen diagnostic's bytes are kept and sent again as they are. A publish carries every
// diagnostic of the document (the protocol has no other way), and an edit changes a few: the
// others are the same frozen objects (diagnostics.ts keeps them per claim result), and
// serializing them again was most of this thread's work per edit (≈ 2 ms at 4,000 claims).
// The bytes equal Buffer.from(JSON.stringify(message)) (test/unit/lsp/keptJson.test.ts).
import type { Diagnostic } from 'vscode-languageserver';

const kept = new WeakMap<Diagnostic, Buffer>();
const COMMA = Buffer.from(',');
/** What ends a publish: its list, its parameters, the message. */
const END = ']}}';

export function encodeMessage(message: unknown): Buffer {
  const publish = publishedList(message);
  if (!publish) return Buffer.from(JSON.stringify(message), 'utf8');
  // The message with an empty list, then the list's diagnostics put where it ends.
  const empty = JSON.stringify({ ...publish.message, params: { ...publish.params, diagnostics: [] } });
  if (!empty.endsWith(`"diagnostics":[${END}`)) return Buffer.from(JSON.stringify(message), 'utf8');
  const parts: Buffer[] = [Buffer.from(empty.slice(0, -END.length), 'utf8')];
  publish.diagnostics.forEach((d, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(bytesOf(d));
  });
  parts.push(Buffer.from(END));
  return Buffer.concat(parts);
}

/** A diagnostic's JSON: kept when it is frozen whole (it can no longer change). */
function bytesOf(d: Diagnostic): Buffer {
  const known = kept.get(d);
  if (known) return known;
  const bytes = Buffer.from(JSON.stringify(d) ?? 'null', 'utf8');
  if (frozenWhole(d)) kept.set(d, bytes);
  return bytes;
}

function frozenWhole(d: Diagnostic): boolean {
  const frozen = (...xs: unknown[]) => xs.every((x) => x === undefined || Object.isFrozen(x));
  return (
    frozen(
      d,
      d.range,
      d.range?.start,
      d.range?.end,
      d.relatedInformation,
      d.codeDescription,
      d.tags,
      d.data,
    ) &&
    (d.relatedInformation ?? []).every((r) =>
      frozen(r, r.location, r.location?.range, r.location?.range?.start, r.location?.range?.end),
    )
  );
}

interface Publish {
  message: Record<string, unknown>;
  params: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** A publishDiagnostics notification whose list is the last of its parameters, the parameters last. */
function publishedList(message: unknown): Publish | null {
  if (!isRecord(message) || message.method !== 'textDocument/publishDiagnostics') return null;
  const params = message.params;
  if (!isRecord(params) || !Array.isArray(params.diagnostics)) return null;
  if (lastKey(message) !== 'params' || lastKey(params) !== 'diagnostics' || 'toJSON' in params) return null;
  if (params.diagnostics.some((d) => !isRecord(d) || 'toJSON' in d)) return null;
  return { message, params, diagnostics: params.diagnostics as Diagnostic[] };
}

/** The key JSON.stringify writes last (own enumerable keys, in order). */
function lastKey(o: Record<string, unknown>): string | undefined {
  const keys = Object.keys(o);
  return keys[keys.length - 1];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
