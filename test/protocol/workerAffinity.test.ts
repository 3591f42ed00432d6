// With several checker workers, a document's checks go to the worker that checked it last: its
// claim cache is warm there. A long document just opened is checked twice (its top, then the
// whole, see firstScreen.ts); the edits after it must reach the worker that checked the whole,
// or the first edit would re-check the whole document in a cold cache.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { ensureBuilt, LspSession } from './lspSession';

const URI = 'file:///affinity/long.md';

function section(i: number): string {
  return String.raw`## ${i}. A layer

Let $W \in \mathbb{R}^{m \times n}$, $x \in \mathbb{R}^{n}$ and $z \in \mathbb{R}^{k}$, and let
$s = \operatorname{softmax}(z)$.

$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$

A count: $$${i} + 1 = ${i + 1}$$
`;
}

const TEXT = Array.from({ length: 80 }, (_, i) => section(i + 1)).join('\n');

describe('a document stays with its worker', () => {
  let lsp: LspSession;
  const done: StatusParams[] = [];

  async function edit(text: string): Promise<StatusParams> {
    lsp.change(URI, text);
    const version = lsp.version(URI);
    return lsp.waitFor(
      `the check of version ${version}`,
      () => done.find((s) => s.uri === URI && s.version === version),
      60_000,
    );
  }

  before(async () => {
    ensureBuilt();
    const settings = { maxWorkers: 3 };
    lsp = await LspSession.start([], undefined, { statusNotification: true, settings });
    // The server reads them again from the client after initialized.
    lsp.settings = settings;
    lsp.connection.onNotification('derivcheck/status', (p: StatusParams) => {
      if (p.state === 'done') done.push(p);
    });
    lsp.open(URI, 'markdown', TEXT);
    await lsp.waitFor('the first check', () => done.find((s) => s.uri === URI && s.version === 1), 60_000);
  });

  after(async () => {
    await lsp.stop();
  });

  test('after the first screen and the whole, editing prose re-checks nothing', async () => {
    const s = await edit(TEXT.replace('## 40. A layer', '## 40. A layer, again'));
    assert.equal(s.rechecked, 0);
    assert.equal(s.verified, 160);
  });

  test('and editing one claim re-checks that claim', async () => {
    const s = await edit(TEXT.replace('$$40 + 1 = 41$$', '$$40 + 1 = 42$$'));
    assert.equal(s.rechecked, 1);
    assert.equal(s.refuted, 1);
  });
});
