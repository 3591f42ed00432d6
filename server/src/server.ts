// Entry point of the language server: `node dist/server.js --stdio` (or `--node-ipc`,
// `--socket=N`, `--pipe=NAME`; the transport is read from the command line).
// workerFirst comes first: its worker loads while the imports below are evaluated.
import { early, timeline } from './workerFirst';
import { serverConnection } from './lsp/connection';
import { startServer } from './lsp/languageServer';

// Here every module of the bundle has been loaded: the start-up log counts from this point too.
timeline.mark('loaded');
startServer(serverConnection(), timeline, early);
