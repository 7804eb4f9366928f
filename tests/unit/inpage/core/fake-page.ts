/**
 * Test helpers for the in-page core under happy-dom: a background that answers page.match by
 * finding literal names in the texts it is sent (what lib/background does with the compiled
 * glossary, reduced to what the tab's side needs), with answers that can be held back.
 */
import type { Mark } from '../../../../lib/dom/mark-store';
import type { ReplyOf, RequestOf, ToBackground } from '../../../../lib/messaging/protocol';

type MatchRequest = RequestOf<ToBackground, 'page.match'>;
type MatchReply = ReplyOf<ToBackground, 'page.match'>;

export interface FakeBackground {
  ask: (type: string, payload: unknown) => Promise<unknown>;
  /** page.match requests received, in order. */
  requests: MatchRequest[];
  /** Answer the held requests (when `hold` is on). */
  release(): void;
  hold: boolean;
}

/** A background whose glossary holds `names` (entity i is `e${i}`, a person). */
export function fakeBackground(names: string[]): FakeBackground {
  const held: (() => void)[] = [];
  const bg: FakeBackground = {
    requests: [],
    hold: false,
    release: () => held.splice(0).forEach((f) => f()),
    ask: (type, payload) => {
      if (type !== 'page.match') return Promise.reject(new Error(`unexpected ${type}`));
      const request = payload as MatchRequest;
      bg.requests.push(request);
      const reply = answer(request, names);
      if (!bg.hold) return Promise.resolve(reply);
      return new Promise((resolve) => held.push(() => resolve(reply)));
    },
  };
  return bg;
}

function answer(request: MatchRequest, names: string[]): MatchReply {
  const matches: number[] = [];
  request.texts.forEach((text, t) => {
    names.forEach((name, e) => {
      for (let o = text.indexOf(name); o !== -1; o = text.indexOf(name, o + name.length)) matches.push(e, t, o, t, o + name.length);
    });
  });
  return {
    enabled: true,
    revision: 1,
    entities: names.map((_, e) => ({ id: `e${e}`, type: 'person' as const })),
    matches,
    snippets: names.map((n) => `about ${n}`),
  };
}

/** Let pending promise callbacks and macrotasks run (the scan yields between slices). */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A mark on the `nth` occurrence of `text` in the document's body. */
export function markOn(text: string, entityId: string, nth = 0, article = true): Mark {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    for (let o = n.data.indexOf(text); o !== -1; o = n.data.indexOf(text, o + 1)) {
      if (seen++ < nth) continue;
      const range = document.createRange();
      range.setStart(n, o);
      range.setEnd(n, o + text.length);
      return { entityId, type: 'person', range, block: n.parentElement, startNode: n, endNode: n, article };
    }
  }
  throw new Error(`no ${text} #${nth}`);
}
