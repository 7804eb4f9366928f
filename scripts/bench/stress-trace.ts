/**
 * bench:stress's task list: every task of 50 ms or more on the page's renderer main thread during
 * a load, with its CPU time, whether the extension's code ran in it (profiler samples), and where
 * its time went (the rendering steps and script events inside it, inclusive). Long tasks of a huge
 * page that no script of ours runs in can still be ours: a frame that renders our host or boxes
 * is the page's rendering task; the breakdown (Paint, Layerize, PrePaint…) and the same list for
 * the page without the extension tell them apart.
 */
import type { CDPSession } from '@playwright/test';
import { startTrace, stopTrace, TRACE_CATEGORIES, type CpuProfile, type TraceEvent } from './page-trace';

export interface LongTask {
  /** From the trace's first task on that thread (ms). */
  atMs: number;
  wallMs: number;
  cpuMs: number;
  /** Profiler samples with the extension's code on the stack. */
  ours: number;
  /** Those of them in the marks' drawer (overlay.js, lib/dom/overlay-drawer.ts). */
  drawer: number;
  /** The biggest events inside it: "Paint 80, Layout 20" (ms, inclusive). */
  inside: string;
}

/** Trace `load()` (a navigation to `pageUrl`) and list its long tasks on the page's renderer main thread. */
export async function tracedLongTasks(cdp: CDPSession, pageUrl: string, extensionOrigin: string | null, load: () => Promise<void>, minMs = 50): Promise<LongTask[]> {
  // With DevTools' usual category too: its rendering steps (Layout, PrePaint, Paint, Layerize…)
  // name where a task's time went. It slows script-heavy tasks (an event per call into
  // JavaScript): the content script's own slices are judged from its self-report, not from here.
  await startTrace(cdp, [...TRACE_CATEGORIES, 'devtools.timeline']);
  await load();
  const { events, profile } = await stopTrace(cdp);
  return longTasks(events, profile, pageUrl, extensionOrigin, minMs);
}

/** Events that are bookkeeping, not work: left out of a task's breakdown. */
const NOT_WORK = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'SequenceManager::DoIdleWork', 'v8.execute']);

export function longTasks(events: TraceEvent[], profile: CpuProfile, pageUrl: string, extensionOrigin: string | null, minMs: number): LongTask[] {
  let pid: number | undefined;
  for (const e of events) {
    const d = e.args?.data;
    if (e.name === 'FrameCommittedInBrowser' && d?.isOutermostMainFrame && d.url === pageUrl) pid = d.processId;
    for (const f of d?.frames ?? []) if (f.isOutermostMainFrame && f.url === pageUrl) pid ??= f.processId;
  }
  const tid = events.find((e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  if (pid === undefined || tid === undefined) return [];
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const origin = thread.find((e) => e.name === 'RunTask')?.ts ?? 0;
  const tasks: { start: number; end: number; cpu: number; ours: number; drawer: number; inside: Map<string, number> }[] = [];
  let cur: (typeof tasks)[number] | null = null;
  for (const e of thread) {
    const end = e.ts + (e.dur ?? 0);
    if (e.name === 'RunTask' && (!cur || e.ts >= cur.end)) {
      tasks.push((cur = { start: e.ts, end, cpu: e.tdur ?? e.dur ?? 0, ours: 0, drawer: 0, inside: new Map() }));
      continue;
    }
    if (!cur || e.ts >= cur.end || NOT_WORK.has(e.name)) continue;
    cur.inside.set(e.name, (cur.inside.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  if (extensionOrigin) {
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    /** Whose code a sample ran: null (the page's or the browser's), the drawer's, or the rest of the extension's. */
    const whose = (id: number): 'drawer' | 'ours' | null => {
      let found: 'drawer' | 'ours' | null = null;
      for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
        const url = byId.get(p)!.callFrame.url;
        if (url.startsWith(`${extensionOrigin}overlay.js`)) return 'drawer';
        if (url.startsWith(extensionOrigin)) found = 'ours';
      }
      return found;
    };
    let t = profile.startTime;
    let ti = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      const who = whose(profile.samples[i]!);
      if (!who) continue;
      while (ti < tasks.length && tasks[ti]!.end <= t) ti++;
      const task = tasks[ti];
      if (!task || task.start > t) continue;
      task.ours++;
      if (who === 'drawer') task.drawer++;
    }
  }
  return tasks
    .filter((x) => x.end - x.start >= minMs * 1000)
    .map((x) => ({
      atMs: (x.start - origin) / 1000,
      wallMs: (x.end - x.start) / 1000,
      cpuMs: x.cpu / 1000,
      ours: x.ours,
      drawer: x.drawer,
      inside: [...x.inside]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`)
        .join(', '),
    }));
}

/** The longest CPU time of a task the drawer's code ran in (ms; 0 when none of 50 ms or more). */
export function longestDrawerCpu(tasks: LongTask[]): number {
  return Math.max(0, ...tasks.filter((t) => t.drawer > 0).map((t) => t.cpuMs));
}

export function formatLongTasks(tasks: LongTask[]): string {
  if (!tasks.length) return '      none';
  return tasks
    .map((t) => `      +${t.atMs.toFixed(0).padStart(6)} ms  ${t.wallMs.toFixed(0).padStart(5)} wall ${t.cpuMs.toFixed(0).padStart(5)} cpu  ${(t.ours ? `ours×${t.ours}${t.drawer ? ` (drawer×${t.drawer})` : ''}` : '').padEnd(20)} ${t.inside}`)
    .join('\n');
}
