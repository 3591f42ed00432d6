// Imported first by server.ts, for its side effect: the first checker worker starts loading the
// checker before the rest of the server (the LSP library, the editor features) is evaluated, so
// the two loads overlap instead of following each other. A bundle evaluates modules in the order
// of their imports.
import { startCheckPool } from './lsp/earlyPool';
import { StartupTimeline } from './lsp/startupTimeline';

/** Where start-up time goes, from this process's start. */
export const timeline = new StartupTimeline();
export const early = startCheckPool(timeline);
