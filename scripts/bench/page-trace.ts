/**
 * The outside measure of the content script's cost on one page: a light Chromium trace of the
 * load (every task on every thread, with its wall and CPU time, plus microtask checkpoints and
 * frame commits) and, at the same time, V8's sampling profiler on the page's renderer. A task on
 * the page's main thread is the content script's when a profiler sample inside it has the
 * extension's code on the stack, or when it runs microtasks after the content script started
 * (the benchmark strips the pages' <script>s: no other JavaScript of the page uses promises).
 * Whole tasks are counted: message deserialisation, garbage collection and compilation inside
 * them are the extension's cost too.
 *
 * Why not DevTools' usual categories: "devtools.timeline" records an event for every call from
 * the browser into JavaScript (every NodeFilter.acceptNode call...), which roughly doubled the
 * content script's own time on large pages; these categories leave it at noise level.
 */
import type { CDPSession } from '@playwright/test';

export const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'v8.execute'];
/**
 * The profiler's sampling interval (µs): enough to see 4 ms slices; finer when hot functions
 * are wanted (NCR_BENCH_PROFILE=1). Sampling costs the page a little: see the run's notes.
 */
export const SAMPLING_INTERVAL_US = process.env.NCR_BENCH_PROFILE === '1' ? 250 : 1000;

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { url?: string; processId?: number; isOutermostMainFrame?: boolean; frames?: { url: string; processId: number; isOutermostMainFrame?: boolean }[] };
  };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TraceFigures {
  /** Sum of the content script's tasks (ms, wall clock). */
  mainThreadMs: number;
  /** The same tasks' thread CPU time (ms): what is left when other processes take the CPU away. */
  cpuMs: number;
  /** Its longest task (ms). */
  longestTaskMs: number;
  /** The most thread CPU time one of its tasks took (ms): the longest task as a quiet machine would see it. */
  longestTaskCpuMs: number;
  /** Tasks over 16 ms / over 50 ms. */
  over16: number;
  over50: number;
  tasks: number;
  /** The task that compiled and evaluated content.js (module init + main()'s synchronous part). */
  evaluateMs: number;
  /** Its thread CPU time. */
  evaluateCpuMs: number;
  /**
   * The first task after it: the page.start reply arriving (a few settings) and the first reading
   * slice, which sends the first part of the text to the background.
   */
  replyMs: number | null;
  /** From the start of content.js evaluation to the end of the first frame committed after its glossary scan's last task. */
  paintedMs: number | null;
  /** Profiler samples in the content script's code. */
  samples: number;
}

export async function startTrace(cdp: CDPSession, categories = TRACE_CATEGORIES): Promise<void> {
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories, excludedCategories: ['*'] },
    transferMode: 'ReturnAsStream',
  } as never);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
}

export async function stopTrace(cdp: CDPSession): Promise<{ events: TraceEvent[]; profile: CpuProfile }> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  const complete = new Promise<{ stream?: string }>((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) throw new Error('trace: no stream');
  const parts: string[] = [];
  for (;;) {
    const r = (await cdp.send('IO.read', { handle: stream, size: 4 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    parts.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(parts.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return { events: Array.isArray(parsed) ? parsed : parsed.traceEvents, profile };
}

/**
 * Functions of the glossary scan (class methods keep their names through minification). A
 * resumed slice has the async `scan` at the bottom of its stack.
 */
const SCAN_FUNCTIONS = new Set(['scanPage', 'scanRoots', 'read', 'paintPart', 'addMarks']);

/** Reduce a trace and profile to the content script's figures; null when its code never ran. */
export function analyzeTrace(events: TraceEvent[], profile: CpuProfile, extensionOrigin: string, pageUrl: string): TraceFigures | null {
  // The page's renderer: the process its main frame committed in, and that process's main thread.
  let pid: number | undefined;
  for (const e of events) {
    const d = e.args?.data;
    if (e.name === 'FrameCommittedInBrowser' && d?.isOutermostMainFrame && d.url === pageUrl) pid = d.processId;
  }
  if (pid === undefined) return null;
  const tid = events.find((e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  if (tid === undefined) return null;

  interface Task {
    start: number;
    end: number;
    cpu: number;
    microtasks: boolean;
    commit: boolean;
    ours: number;
    evaluate: number;
    scan: number;
    /** Our innermost function in each sample (NCR_BENCH_TASKS=1). */
    leaves: Map<string, number>;
  }
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: Task[] = [];
  let cur: Task | null = null;
  for (const e of thread) {
    const end = e.ts + (e.dur ?? 0);
    if (e.name === 'RunTask' && (!cur || e.ts >= cur.end)) {
      cur = { start: e.ts, end, cpu: e.tdur ?? e.dur ?? 0, microtasks: false, commit: false, ours: 0, evaluate: 0, scan: 0, leaves: new Map() };
      tasks.push(cur);
      continue;
    }
    if (!cur || e.ts >= cur.end) continue;
    if (e.name === 'RunMicrotasks') cur.microtasks = true;
    if (e.name === 'Commit') cur.commit = true;
  }

  // Profiler samples: which of them ran the extension's code, its top level, its scan.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const kind = new Map<number, { ours: boolean; evaluate: boolean; scan: boolean; leaf: string }>();
  const kindOf = (id: number) => {
    let k = kind.get(id);
    if (!k) {
      k = { ours: false, evaluate: false, scan: false, leaf: '' };
      for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
        const f = byId.get(p)!.callFrame;
        if (!f.url.startsWith(extensionOrigin)) {
          if (!k.ours && f.functionName && !f.url) k.leaf = `${f.functionName} < `;
          continue;
        }
        if (!k.ours) k.leaf += `${f.functionName || '(top)'}:${f.lineNumber + 1}`;
        k.ours = true;
        if (f.url.includes('/content-scripts/') && f.lineNumber === 0 && f.columnNumber === 0 && !f.functionName) k.evaluate = true;
        if (SCAN_FUNCTIONS.has(f.functionName)) k.scan = true;
      }
      kind.set(id, k);
    }
    return k;
  };
  let t = profile.startTime;
  let samples = 0;
  let ti = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const k = kindOf(profile.samples[i]!);
    if (!k.ours) continue;
    samples++;
    while (ti < tasks.length && tasks[ti]!.end <= t) ti++;
    const task = tasks[ti];
    if (!task || task.start > t) continue;
    task.ours++;
    task.leaves.set(k.leaf, (task.leaves.get(k.leaf) ?? 0) + 1);
    if (k.evaluate) task.evaluate++;
    if (k.scan) task.scan++;
  }

  const first = tasks.findIndex((x) => x.ours > 0);
  if (first < 0) return null;
  const ours = tasks.slice(first).filter((x) => x.ours > 0 || x.microtasks);
  const evalTask = ours.find((x) => x.evaluate > 0) ?? ours[0]!;
  const reply = ours[ours.indexOf(evalTask) + 1] ?? null;
  let total = 0;
  let cpu = 0;
  let longest = 0;
  let longestCpu = 0;
  let over16 = 0;
  let over50 = 0;
  for (const x of ours) {
    const d = (x.end - x.start) / 1000;
    total += d;
    cpu += x.cpu / 1000;
    longest = Math.max(longest, d);
    longestCpu = Math.max(longestCpu, x.cpu / 1000);
    if (d > 16) over16++;
    if (d > 50) over50++;
  }
  if (process.env.NCR_BENCH_TASKS === '1') {
    // Where each of the content script's tasks goes: start (from evaluation), wall, CPU, and
    // our innermost functions in its samples.
    for (const x of ours) {
      const top = [...x.leaves].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([f, n]) => `${f}×${n}`).join(', ');
      console.log(`    +${((x.start - evalTask.start) / 1000).toFixed(1).padStart(6)} ms  ${((x.end - x.start) / 1000).toFixed(2).padStart(6)} wall ${(x.cpu / 1000).toFixed(2).padStart(6)} cpu  ${x.microtasks ? 'µ' : ' '} ${top}`);
    }
  }
  const lastScan = [...ours].reverse().find((x) => x.scan > 0 || x === reply);
  let paintedMs: number | null = null;
  if (lastScan) {
    // The first frame after the scan's last task; none when that task changed nothing on
    // screen: then the marks were up with the last frame before it.
    const frame =
      tasks.find((x) => x.start >= lastScan.end && x.commit) ??
      [...tasks].reverse().find((x) => x.end <= lastScan.end && x.start >= evalTask.start && x.commit);
    if (frame) paintedMs = (Math.max(frame.end, evalTask.end) - evalTask.start) / 1000;
  }
  return {
    mainThreadMs: total,
    cpuMs: cpu,
    longestTaskMs: longest,
    longestTaskCpuMs: longestCpu,
    over16,
    over50,
    tasks: ours.length,
    evaluateMs: (evalTask.end - evalTask.start) / 1000,
    evaluateCpuMs: evalTask.cpu / 1000,
    replyMs: reply ? (reply.end - reply.start) / 1000 : null,
    paintedMs,
    samples,
  };
}
