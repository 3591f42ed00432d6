// Checks of open documents: debounced per document, one version at a time, results cached per
// version. A newer version (or a settings change) supersedes whatever is queued or running.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Cancelled } from './pool';
import type { CheckPool } from './pool';
import type { CheckJob, CheckOutput, MathRange } from './runCheck';
import { covered, firstScreenKey, screensFirst } from './firstScreen';
import type { ScreenRange } from './screen';
import type { DocumentKind } from '../document';
import type { ClaimResult, DocumentResult } from '../check/result';
import type { Composite } from '../document/composite';

/** A finished check of one document version. `doc` is a snapshot of the checked text. */
export interface Checked {
  uri: string;
  version: number;
  kind: DocumentKind;
  doc: TextDocument;
  result: DocumentResult;
  spans: MathRange[];
  /** Claims this check evaluated anew; the others were reused from earlier checks. */
  rechecked?: number;
  /** When the checked text is made of several documents (notebook cells, a LaTeX project). */
  composite?: Composite;
}

export interface CheckSource {
  uri: string;
  version: number;
  languageId: string;
  kind: DocumentKind;
  text: string;
  composite?: Composite;
  /** This version of the document when `text` is its text, immutable (snapshot.ts). */
  doc?: TextDocument;
}

export interface CheckEvents {
  checking(uri: string, version: number): void;
  /**
   * The claims of a screen, checked before the rest when a document is opened or changed a lot
   * (firstScreen.ts); `c.result` holds those claims only. Never after the whole version's result.
   */
  firstScreen?(c: Checked): void;
  /** The screens an editor shows of this version of the document, as offsets, if it said. */
  visible?(source: CheckSource): ScreenRange[] | undefined;
  checked(c: Checked): void;
  failed(uri: string, version: number, error: Error): void;
}

interface Waiter {
  resolve(c: Checked): void;
  reject(e: Error): void;
}

interface Pending {
  source: CheckSource;
  generation: number;
  timer: NodeJS.Timeout | null;
  waiters: Waiter[];
  /** Where the check is: a screen first, or the whole. */
  stage?: 'screen' | 'whole';
  /** The screens checked (or being checked) for this version; null when it goes whole at once. */
  screened?: ScreenRange[] | null;
  /** Screen checks started for this version (bounded: an editor that keeps scrolling waits for the whole). */
  screenRuns?: number;
  /** A screen declined (screen.ts): the rest of the text changes its readings; no more screens. */
  declined?: boolean;
  /** The claims of the screens checked so far: each screen's publish holds the earlier ones too. */
  shown?: ClaimResult[];
}

/** The most screen checks before the whole check of one version. */
const MAX_SCREEN_RUNS = 3;

export class DocumentChecks {
  private readonly done = new Map<string, { checked: Checked; generation: number }>();
  private readonly pending = new Map<string, Pending>();
  /** When each document was last scheduled (performance.now()), for the leading-edge debounce. */
  private readonly lastScheduled = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly pool: CheckPool,
    private readonly jobFor: (source: CheckSource) => CheckJob,
    private readonly events: CheckEvents,
    /** Milliseconds from any fixed origin (the tests drive their own clock). */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Check this version after `delayMs` unless it is already checked or on its way. The delay
   * gathers a burst of changes into one check; the first change after a quiet moment (nothing
   * pending for the document, no change for `delayMs`) has no burst to wait for and starts at
   * once. A change that follows it soon enough stops that check between claims anyway.
   */
  schedule(source: CheckSource, delayMs: number): void {
    const now = this.clock();
    const last = this.lastScheduled.get(source.uri);
    this.lastScheduled.set(source.uri, now);
    if (this.isDone(source)) return;
    const p = this.pending.get(source.uri);
    if (!p && (last === undefined || now - last >= delayMs)) delayMs = 0;
    if (p && p.source.version === source.version && p.generation === this.generation) {
      if (p.timer && delayMs === 0) this.start(p);
      return;
    }
    this.enqueue(source, delayMs, []);
  }

  /** Check this version now (unless already done) and resolve with its result. */
  check(source: CheckSource): Promise<Checked> {
    const d = this.done.get(source.uri);
    if (d && this.isDone(source)) return Promise.resolve(d.checked);
    return new Promise<Checked>((resolve, reject) => {
      const p = this.pending.get(source.uri);
      if (p && p.source.version === source.version && p.generation === this.generation) {
        p.waiters.push({ resolve, reject });
        if (p.timer) this.start(p);
      } else {
        this.enqueue(source, 0, [{ resolve, reject }]);
      }
    });
  }

  /** The latest finished check of `uri`, whatever its version. */
  latest(uri: string): Checked | undefined {
    return this.done.get(uri)?.checked;
  }

  /** The finished check of exactly this version, if there is one (never waits). */
  current(uri: string, version: number): Checked | undefined {
    const c = this.done.get(uri)?.checked;
    return c && c.version === version ? c : undefined;
  }

  /** The check of this version: now if finished, else when it finishes, else undefined after `timeoutMs`. */
  async whenCurrent(uri: string, version: number, timeoutMs: number): Promise<Checked | undefined> {
    const now = this.current(uri, version);
    if (now) return now;
    const p = this.pending.get(uri);
    if (!p || p.source.version !== version) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<Checked | undefined>((resolve) => {
      p.waiters.push({ resolve, reject: () => resolve(undefined) });
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await waited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Settings changed: every cached result is out of date. */
  invalidate(): void {
    this.generation++;
  }

  /** The document was closed: drop its result and stop its work. */
  forget(uri: string): void {
    const p = this.pending.get(uri);
    if (p) {
      if (p.timer) clearTimeout(p.timer);
      this.pending.delete(uri);
      for (const w of p.waiters) w.reject(new Cancelled());
    }
    this.pool.cancel(uri);
    this.pool.cancel(firstScreenKey(uri));
    this.pool.forget(uri);
    this.pool.forget(firstScreenKey(uri));
    this.done.delete(uri);
    this.lastScheduled.delete(uri);
  }

  private isDone(source: CheckSource): boolean {
    const d = this.done.get(source.uri);
    return (
      !!d &&
      d.generation === this.generation &&
      d.checked.version === source.version &&
      d.checked.doc.getText() === source.text
    );
  }

  private enqueue(source: CheckSource, delayMs: number, waiters: Waiter[]): void {
    const old = this.pending.get(source.uri);
    if (old) {
      if (old.timer) clearTimeout(old.timer);
      // Whoever waited for an older version gets this newer one.
      waiters = old.waiters.concat(waiters);
    }
    this.pool.cancel(source.uri);
    // An older version's screen is stale too: it would only delay this version's checks.
    this.pool.cancel(firstScreenKey(source.uri));
    const p: Pending = { source, generation: this.generation, timer: null, waiters };
    this.pending.set(source.uri, p);
    if (delayMs > 0) p.timer = setTimeout(() => this.start(p), delayMs);
    else this.start(p);
  }

  private start(p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    const { source } = p;
    this.events.checking(source.uri, source.version);
    // A document just opened, or changed a lot where it is shown: its screen first, then the
    // whole. The whole is sent only when the screen is done, so that it goes to the worker that
    // checked the screen (the only one at start-up) and takes the screen's claims from that
    // worker's cache: the screen costs no work the whole check would not do anyway.
    const previous = this.done.get(source.uri)?.checked.doc.getText();
    const screens = this.events.firstScreen
      ? screensFirst(source, previous, this.events.visible?.(source))
      : null;
    p.screened = screens ? [] : null;
    p.screenRuns = 0;
    if (screens) this.checkScreen(p, screens);
    else this.checkWhole(p);
  }

  /**
   * The editor shows other screens now. While a version that was checked screen first is being
   * checked whole, a screen not checked yet stops the whole check (the claims it checked stay in
   * its worker's cache) and is checked first; then the whole again.
   */
  visibleChanged(uri: string): void {
    const p = this.pending.get(uri);
    if (!p || p.timer || !p.screened || p.declined || p.stage !== 'whole') return;
    const visible = this.events.visible?.(p.source);
    if (!visible?.length || covered(visible, p.screened) || (p.screenRuns ?? 0) >= MAX_SCREEN_RUNS) return;
    this.pool.cancel(uri);
    this.checkScreen(p, visible);
  }

  private checkScreen(p: Pending, screens: ScreenRange[]): void {
    const { source } = p;
    p.stage = 'screen';
    p.screened?.push(...screens);
    p.screenRuns = (p.screenRuns ?? 0) + 1;
    this.pool
      .run(firstScreenKey(source.uri), { ...this.jobFor(source), screen: screens })
      .then(
        (out) => {
          // Only while the whole version is still being checked: never over its results.
          if (this.pending.get(source.uri) !== p) return;
          if (out.declined) {
            p.declined = true;
            return;
          }
          const claims = merged(p.shown ?? [], out.result.claims);
          p.shown = claims;
          this.events.firstScreen?.(checkedOf(source, { ...out, result: { ...out.result, claims } }));
        },
        () => {},
      )
      .then(() => this.afterScreen(p));
  }

  /** After a screen: a screen shown meanwhile and not checked yet, or the whole. */
  private afterScreen(p: Pending): void {
    if (this.pending.get(p.source.uri) !== p) return;
    const visible = this.events.visible?.(p.source);
    const more =
      !p.declined &&
      visible?.length &&
      p.screened &&
      !covered(visible, p.screened) &&
      (p.screenRuns ?? 0) < MAX_SCREEN_RUNS;
    if (more) this.checkScreen(p, visible);
    else this.checkWhole(p);
  }

  private checkWhole(p: Pending): void {
    const { source } = p;
    // Superseded (a newer version, the document closed) while its screen was checked.
    if (this.pending.get(source.uri) !== p) return;
    p.stage = 'whole';
    this.pool.run(source.uri, this.jobFor(source)).then(
      (out) => {
        if (this.pending.get(source.uri) !== p) return;
        this.pending.delete(source.uri);
        const checked = checkedOf(source, out);
        this.done.set(source.uri, { checked, generation: p.generation });
        this.events.checked(checked);
        for (const w of p.waiters) w.resolve(checked);
      },
      (err: Error) => {
        if (err instanceof Cancelled || this.pending.get(source.uri) !== p) return;
        this.pending.delete(source.uri);
        this.events.failed(source.uri, source.version, err);
        for (const w of p.waiters) w.reject(err);
      },
    );
  }
}

/** Claims of two screens, in document order, each once. */
function merged(a: ClaimResult[], b: ClaimResult[]): ClaimResult[] {
  if (a.length === 0) return b;
  const seen = new Set(a.map((c) => c.start));
  return [...a, ...b.filter((c) => !seen.has(c.start))].sort((x, y) => x.start - y.start);
}

function checkedOf(source: CheckSource, out: CheckOutput): Checked {
  return {
    uri: source.uri,
    version: source.version,
    kind: source.kind,
    doc:
      source.doc?.version === source.version && source.doc.getText() === source.text
        ? source.doc
        : TextDocument.create(source.uri, source.languageId, source.version, source.text),
    result: out.result,
    spans: out.spans,
    rechecked: out.rechecked,
    ...(source.composite ? { composite: source.composite } : {}),
  };
}
