// When the server process dies: restart it, unless it has died too often recently; then stop
// and tell the user (with a way to the output).
import { CloseAction, ErrorAction } from 'vscode-languageclient/node';
import type {
  CloseHandlerResult,
  ErrorHandler,
  ErrorHandlerResult,
  Message,
} from 'vscode-languageclient/node';

const MAX_CRASHES = 5;
const WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy implements ErrorHandler {
  private crashes: number[] = [];

  constructor(private readonly giveUp: (message: string) => void) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < WINDOW_MS).concat(now);
    if (this.crashes.length < MAX_CRASHES) return { action: CloseAction.Restart, handled: true };
    this.giveUp(
      `The derivcheck server stopped ${MAX_CRASHES} times in the last 3 minutes and will not be restarted.`,
    );
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
