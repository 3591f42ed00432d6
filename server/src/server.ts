// Entry point of the language server: `node dist/server.js --stdio` (or `--node-ipc`,
// `--socket=N`, `--pipe=NAME`; the transport is read from the command line).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/languageServer';
import { StartupTimeline } from './lsp/startupTimeline';

// Here every module of the bundle has been loaded: the start-up log counts from this point too.
const timeline = new StartupTimeline();
timeline.mark('loaded');
startServer(createConnection(ProposedFeatures.all), timeline);
