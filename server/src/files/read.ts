// Reading one document from disk without trusting what the path names: a FIFO would block an
// ordinary read forever and /dev/zero never ends, so the file is opened without blocking, its
// type checked on the open descriptor (no race with a rename), and at most `limit + 1` bytes are
// read. Used by the CLI and by the server's Verify All alike.
import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync, type Stats } from 'node:fs';

/** Documents larger than this are not read (bytes); the CLI's --max-file-size changes it. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export type ReadFileResult = { text: string } | { error: string; notRegular?: boolean };

// O_NONBLOCK lets open() return at once on a FIFO with no writer; regular files ignore it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function readDocumentFileSync(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadFileResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    return { error: cannotRead(path, err) };
  }
  try {
    const st = fstatSync(fd);
    const bad = unreadable(path, st, maxBytes);
    if (bad) return bad;
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) break;
    }
    return decode(path, buf.subarray(0, n), maxBytes);
  } catch (err) {
    return { error: cannotRead(path, err) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
  }
}

export async function readDocumentFile(
  path: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<ReadFileResult> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, OPEN_FLAGS);
  } catch (err) {
    return { error: cannotRead(path, err) };
  }
  try {
    const st = await handle.stat();
    const bad = unreadable(path, st, maxBytes);
    if (bad) return bad;
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) break;
    }
    return decode(path, buf.subarray(0, n), maxBytes);
  } catch (err) {
    return { error: cannotRead(path, err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What kind of file this is, in words, for messages about files that are not regular. */
export function fileTypeName(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

export function notRegularMessage(path: string, st: Stats): string {
  return (
    `${path}: skipped, it is ${fileTypeName(st)}, not a regular file; derivcheck reads ` +
    `regular files only`
  );
}

export function tooLargeMessage(path: string, bytes: number, maxBytes: number): string {
  return (
    `${path}: file too large (${megabytes(bytes)} MB; limit ${megabytes(maxBytes)} MB); split ` +
    `it, or raise the limit with --max-file-size`
  );
}

function unreadable(path: string, st: Stats, maxBytes: number): ReadFileResult | null {
  if (!st.isFile()) return { error: notRegularMessage(path, st), notRegular: true };
  if (st.size > maxBytes) return { error: tooLargeMessage(path, st.size, maxBytes) };
  return null;
}

function decode(path: string, buf: Buffer, maxBytes: number): ReadFileResult {
  // The file grew after fstat (or stat lied, as on some virtual file systems).
  if (buf.length > maxBytes) return { error: tooLargeMessage(path, buf.length, maxBytes) };
  if (buf.includes(0))
    return {
      error: `${path}: looks like a binary file (it contains NUL bytes); give a Markdown or LaTeX file`,
    };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { error: `${path}: is not valid UTF-8; save it as UTF-8 and try again` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function cannotRead(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `${path}: no such file or directory`;
  if (code === 'EISDIR') return `${path}: is a directory`;
  return `${path}: cannot read (${code ?? String(err)})`;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 || Number.isInteger(mb) ? String(Math.round(mb)) : mb.toFixed(1);
}
