// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeWatcher, FULL_RESCAN_THRESHOLD } from '../../../lib/dom/change-watcher';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ChangeWatcher', () => {
  let pending = 0;
  let own: HTMLElement;
  let watcher: ChangeWatcher;
  beforeEach(() => {
    document.body.innerHTML = '<main><section id="s"><p id="a">One</p><p id="b">Two</p></section></main>';
    own = document.createElement('div');
    document.body.append(own);
    pending = 0;
    watcher = new ChangeWatcher(document.body, () => own, () => pending++);
    watcher.start();
  });
  afterEach(() => watcher.stop());

  it('queues the outermost changed blocks and asks once for a flush', async () => {
    const a = document.getElementById('a')!;
    a.firstChild!.textContent = 'One more';
    const added = document.createElement('div');
    added.innerHTML = '<p>Three</p>';
    document.getElementById('s')!.append(added);
    await tick();
    // A change inside a block already queued adds nothing.
    added.querySelector('p')!.append(' and four');
    await tick();
    expect(pending).toBe(1);
    const changes = watcher.take();
    expect(changes.roots).toEqual([a, added]);
    expect(changes.removals).toBe(false);
    expect(watcher.take()).toEqual({ roots: [], removals: false });
  });

  it('ignores our own element and notes removals', async () => {
    own.textContent = 'card';
    await tick();
    expect(pending).toBe(0);
    document.getElementById('b')!.remove();
    await tick();
    expect(pending).toBe(1);
    expect(watcher.take().removals).toBe(true);
  });

  it('past the threshold of changed blocks, asks for one full rescan', async () => {
    const main = document.querySelector('main')!;
    for (let i = 0; i <= FULL_RESCAN_THRESHOLD; i++) {
      const p = document.createElement('p');
      p.textContent = `p${i}`;
      main.append(p);
    }
    await tick();
    expect(watcher.take().roots).toBeNull();
  });

  it('stops watching', async () => {
    watcher.stop();
    document.getElementById('a')!.textContent = 'changed';
    await tick();
    expect(pending).toBe(0);
  });
});
