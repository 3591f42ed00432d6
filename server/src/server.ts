// Entry point of the language server: `node dist/server.js --stdio` (or `--node-ipc`,
// `--socket=N`, `--pipe=NAME`; the transport is read from the command line).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/languageServer';

startServer(createConnection(ProposedFeatures.all));
