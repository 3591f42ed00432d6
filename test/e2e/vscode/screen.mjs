// Reading the workbench's screen with Playwright, for the UI check of run-vscode.mjs: the editor's
// lines and squiggles, hovers, the command palette, and the frames of webviews (the Markdown
// preview). Every wait polls a condition with a timeout; nothing sleeps for a fixed time to let
// the workbench catch up, except the short settling before a screenshot.

export const EDITOR = '.editor-instance .monaco-editor';
export const HOVER = '.monaco-hover:not(.hidden)';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; throws with `describe()` after `timeoutMs`. */
export async function poll(probe, timeoutMs, describe, everyMs = 150) {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${describe()}`);
    await sleep(everyMs);
  }
}

/** Runs a palette entry (F1, then the text, then Enter); retries when a hover holds the keys. */
export async function palette(page, text, pick) {
  const input = page.locator('.quick-input-widget input');
  let opened = false;
  for (let attempt = 0; attempt < 4 && !opened; attempt++) {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    // Focus an editor when one is open; with none open (after Close All Editors) the click
    // would otherwise wait Playwright's whole default timeout for one to appear.
    const lines = page.locator(`${EDITOR} .view-lines`).first();
    if (await lines.isVisible().catch(() => false))
      await lines.click({ position: { x: 5, y: 5 }, timeout: 5000 }).catch(() => {});
    await page.keyboard.press('F1');
    opened = await input
      .first()
      .waitFor({ state: 'visible', timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
  }
  if (!opened) throw new Error('F1 did not open the command palette');
  await input.first().fill(text);
  if (pick)
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: pick })
      .first()
      .waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** The sum of the counts in the status bar's problems item ("No Problems" is 0). */
export async function problemCount(page) {
  const label = await page
    .locator('#status\\.problems')
    .first()
    .getAttribute('aria-label')
    .catch(() => null);
  const numbers = (label ?? '').match(/\d+/g) ?? [];
  return { label, total: numbers.reduce((a, n) => a + Number(n), 0) };
}

/** The squiggle on the editor line whose text contains `needle`, and that line's box, once still. */
export async function squiggleOnLine(page, needle, scope = EDITOR, kind = 'error') {
  const line = page.locator(`${scope} .view-line`, { hasText: needle }).first();
  await line.waitFor({ state: 'visible', timeout: 30000 });
  return poll(
    async () => {
      // The editor may still be scrolling (a reveal, code lenses arriving): measure when still.
      await settle(line);
      const lineBox = await line.boundingBox();
      if (!lineBox) return null;
      for (const s of await page.locator(`${scope} .squiggly-${kind}`).all()) {
        const b = await s.boundingBox().catch(() => null);
        if (!b) continue;
        const middle = b.y + b.height / 2;
        if (middle >= lineBox.y - 2 && middle <= lineBox.y + lineBox.height + 2)
          return { squiggle: b, lineBox };
      }
      return null;
    },
    60000,
    () => `a ${kind} squiggle on the line with "${needle}"`,
  );
}

/**
 * Hovers `dx` pixels into the squiggle on the line with `needle` until a hover with `hasText`
 * shows. Positions are measured again before each try (the editor may have scrolled), and the
 * mouse and keyboard can be lost while another hover has focus: it moves away, presses Escape
 * and retries, calling `before` (if given) ahead of each try to bring the line back.
 */
export async function hoverSquiggle(page, needle, hasText, { scope = EDITOR, dx = 10, before } = {}) {
  const hover = page.locator(HOVER, { hasText }).first();
  let where = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    // The Escape of a failed try may have ended what showed the line (a notebook cell's editing).
    await before?.();
    const { squiggle, lineBox } = await squiggleOnLine(page, needle, scope);
    const x = squiggle.x + dx;
    const y = lineBox.y + lineBox.height / 2;
    where = `(${Math.round(x)}, ${Math.round(y)})`;
    await page.mouse.move(x - 3, y - 3);
    await page.mouse.move(x, y);
    const shown = await hover.waitFor({ state: 'visible', timeout: 15000 }).then(
      () => true,
      () => false,
    );
    if (shown) {
      await settle(hover);
      return hover;
    }
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  }
  throw new Error(`no hover with ${hasText} on the squiggle of the line with "${needle}" (last at ${where})`);
}

/** Waits until an element's box stops moving (a hover lays out in steps) before a screenshot. */
export async function settle(locator, timeoutMs = 3000) {
  let last = '';
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const b = await locator.boundingBox().catch(() => null);
    const now = JSON.stringify(b);
    if (b && now === last) return;
    last = now;
    await sleep(150);
  }
}

/** The first frame (webviews are nested iframes) in which `selector` matches something. */
export async function frameWith(page, selector, timeoutMs, describe) {
  return poll(
    async () => {
      for (const frame of page.frames()) {
        const n = await frame
          .locator(selector)
          .count()
          .catch(() => 0);
        if (n > 0) return frame;
      }
      return null;
    },
    timeoutMs,
    describe,
  );
}

/** The verdict marks in the preview frame: [{ verdict, mark, title }]. */
export async function previewMarks(frame) {
  return frame
    .locator('.derivcheck-mark')
    .evaluateAll((els) =>
      els.map((e) => ({
        verdict: [...e.classList].find((c) => c !== 'derivcheck-mark')?.replace('derivcheck-', ''),
        mark: e.textContent,
        title: e.getAttribute('title') ?? '',
      })),
    )
    .catch(() => []);
}
