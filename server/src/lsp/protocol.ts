// Names shared by the language server and the VS Code client: command ids, the custom status
// notification and its payload. Plain data only — no imports — so both sides can include it.

export const Commands = {
  /** Server: check every Markdown/LaTeX file of the workspace folders. */
  verifyAll: 'derivcheck.verifyAll',
  /** Server: check one file now (argument: its URI). */
  verifyFile: 'derivcheck.verifyFile',
  /** Server: draw a new seed and re-check the open documents. */
  reseed: 'derivcheck.reseed',
  /** Server: which process serves (for diagnostics of the setup, and the restart test). */
  serverInfo: 'derivcheck.serverInfo',
  /** Client only: reveal the output channel. */
  showOutput: 'derivcheck.showOutput',
  /** Client only: list the claims of a code lens (arguments: ClaimsLensArgs). */
  showClaims: 'derivcheck.showClaims',
} as const;

/** Commands the server executes through workspace/executeCommand. */
export const serverCommands: string[] = [
  Commands.verifyAll,
  Commands.verifyFile,
  Commands.reseed,
  Commands.serverInfo,
];

/** Counts returned by Verify All / Verify File. */
export interface VerifySummary {
  files: number;
  verified: number;
  refuted: number;
  unchecked: number;
  /** Verify All: files found but not checked (unreadable, too large, beyond the file limit). */
  notChecked?: number;
  /** Why, one line per reason (at most 20). */
  notCheckedReasons?: string[];
}

/**
 * `derivcheck/status` notification (sent only when the client asks for it with
 * `initializationOptions.statusNotification: true`).
 */
export const StatusNotification = 'derivcheck/status';

/**
 * Every claim of a checked document with its verdict, sent after each check when the client
 * asks for it (initializationOptions.claimsNotification): the Markdown preview shows them.
 */
export const ClaimsNotification = 'derivcheck/claims';

export interface ClaimsParams {
  uri: string;
  version: number | null;
  claims: {
    verdict: 'verified' | 'refuted' | 'unchecked';
    message: string;
    line: number;
    character: number;
    endLine: number;
  }[];
}

/**
 * `derivcheck/visibleRanges` notification, client → server: the lines of a document that its
 * editors show now (all of them, replacing what was sent before; an empty list: none shown). A
 * document opened or changed a lot gets the claims of these lines checked and published first;
 * without it the server takes the top of the document. Sent before `didOpen` too, and for
 * documents not open: the server keeps the latest for each document until it is closed.
 */
export const VisibleRangesNotification = 'derivcheck/visibleRanges';

export interface VisibleRangesParams {
  uri: string;
  /** Zero-based lines, `end` inclusive: the first and last line of each visible range. */
  ranges: { start: number; end: number }[];
}

export interface StatusParams {
  uri: string;
  version: number | null;
  state: 'checking' | 'done' | 'failed';
  verified: number;
  refuted: number;
  unchecked: number;
  problems: number;
  /**
   * With state 'done': how many claims this check evaluated anew (the others were reused). An
   * edit of prose re-checks none, of a claim that claim, of a definition the claims that reach it.
   */
  rechecked?: number;
}

/** Arguments of the code lens command `derivcheck.showClaims`. */
export interface ClaimsLensArgs {
  uri: string;
  claims: {
    verdict: 'verified' | 'refuted' | 'unchecked';
    text: string;
    message: string;
    line: number;
    character: number;
  }[];
}
