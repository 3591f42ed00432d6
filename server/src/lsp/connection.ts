// The server's connection. Over stdio the messages are written by a writer of this module, whose
// encoder keeps the bytes of diagnostics already sent (keptJson.ts); the other transports
// (`--node-ipc`, which the VS Code client uses, `--socket`, `--pipe`) are the library's own.
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { encodeMessage } from './keptJson';

export function serverConnection(argv: readonly string[] = process.argv): Connection {
  // The first transport named decides, as the library reads the command line.
  const transport = argv.slice(2).find((a) => /^--(?:stdio|node-ipc|socket|pipe)(?:=|$)/.test(a));
  if (transport !== '--stdio') return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout, {
    charset: 'utf-8',
    contentTypeEncoder: {
      name: 'application/json',
      encode: encodeAsync,
    },
  });
  // The library takes a stream to read and a writer (it tells them apart at run time; its types
  // want two of a kind). With the input a stream it also ends the process when stdin closes.
  const connection = createConnection(
    ProposedFeatures.all,
    process.stdin,
    writer as unknown as NodeJS.WritableStream,
  );
  routeConsole(connection);
  return connection;
}

/** As the library's encoder: a message that cannot be serialized rejects, and the writer reports it. */
function encodeAsync(message: unknown): Promise<Uint8Array> {
  try {
    return Promise.resolve(encodeMessage(message));
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * stdout carries the protocol: whatever the process prints goes to the client's log instead, as
 * the library does for the stdio connections it makes itself.
 */
function routeConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.debug(text(args));
  console.trace = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.dir = (x: unknown) => connection.console.log(inspect(x));
  console.table = (x: unknown) => connection.console.log(inspect(x));
}
