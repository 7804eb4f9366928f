/**
 * Hot functions of the content script, from the profiles page-trace.ts records on every page
 * (printed with NCR_BENCH_PROFILE=1, which also builds the extension unminified): self time
 * summed by function for the extension's scripts, time in native DOM/V8 calls charged to the
 * extension function that made them, and inclusive time.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time (ms) by "function (file:line)" for frames of the extension, inclusive time (the
 * function anywhere on the stack), plus the total.
 */
export class ProfileTotals {
  readonly byFunction = new Map<string, number>();
  readonly inclusive = new Map<string, number>();
  total = 0;

  add(profile: Profile, extensionOrigin: string): void {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} (${f.url.slice(extensionOrigin.length)}:${f.lineNumber + 1})`;
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const node = byId.get(profile.samples[i]!);
      if (!node) continue;
      let key: string | null = null;
      if (node.callFrame.url.startsWith(extensionOrigin)) key = label(node.callFrame);
      else if (!node.callFrame.url) {
        // Native code (a DOM call, a builtin) or GC: charge it to the nearest extension caller.
        const own = node.callFrame.functionName || '(native)';
        for (let p = parent.get(node.id); p !== undefined; p = parent.get(p)) {
          const pn = byId.get(p)!;
          if (pn.callFrame.url.startsWith(extensionOrigin)) {
            key = `${own} ← ${label(pn.callFrame)}`;
            break;
          }
          if (pn.callFrame.url) break;
        }
      }
      if (!key) continue;
      this.byFunction.set(key, (this.byFunction.get(key) ?? 0) + dt);
      this.total += dt;
      const onStack = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (f.url.startsWith(extensionOrigin)) onStack.add(label(f));
      }
      for (const k of onStack) this.inclusive.set(k, (this.inclusive.get(k) ?? 0) + dt);
    }
  }

  top(n: number, inclusive = false): [string, number][] {
    return [...(inclusive ? this.inclusive : this.byFunction)].sort((a, b) => b[1] - a[1]).slice(0, n);
  }
}
