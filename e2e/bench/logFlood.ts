/*
 * Floods the deploy screen's live log and measures whether the page stays
 * responsive: `npx tsx e2e/bench/logFlood.ts` (build the renderer first).
 * A benchmark, not a test: it prints figures and asserts nothing.
 *
 * The flood is a demo run whose first steps write 10,000 lines per second
 * together for 20 s (4 targets at once, 50,000 lines each over 20 s). While
 * it runs, the script clicks the log's Follow toggle every 500 ms; the page
 * records long tasks (Long Tasks API) and each click's latency from input to
 * the next paint (Event Timing API).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { HostProcess } from '../support/host';

const floodSeconds = 20;
const targets = 4;
const linesPerSecond = 10_000;
// The demo's first step takes half the step time and writes its lines evenly over it.
const demo = { kind: 'demo', targets, stepMs: floodSeconds * 2 * 1000, logLinesPerStep: (linesPerSecond * floodSeconds) / targets } as const;
const clickEveryMs = 500;

interface PageFigures {
  longTasks: number[];
  clicks: { delay: number; duration: number }[];
}

/** Installed before any page script: collects long tasks and click timings in the page. */
function observe(): void {
  const figures: PageFigures = { longTasks: [], clicks: [] };
  (globalThis as unknown as { benchFigures: PageFigures }).benchFigures = figures;
  type Entry = { duration: number; name: string; startTime: number; processingStart?: number };
  type Observer = new (callback: (list: { getEntries(): Entry[] }) => void) => { observe(options: Record<string, unknown>): void };
  const Observer = (globalThis as unknown as { PerformanceObserver: Observer }).PerformanceObserver;
  new Observer((list) => {
    for (const entry of list.getEntries()) figures.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new Observer((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'click') figures.clicks.push({ delay: (entry.processingStart ?? entry.startTime) - entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'rackpilot-bench-'));
  const host = new HostProcess(home);
  await host.start();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(observe);
    await page.goto(host.url);
    await page.getByTestId('start-screen').waitFor();
    const started = await page.evaluate(
      (request) => (globalThis as unknown as { rackpilot: { invoke(channel: string, request: unknown): Promise<{ ok: boolean; value?: { runId: string } }> } }).rackpilot.invoke('run:start', request),
      { source: demo, concurrency: targets },
    );
    if (!started.ok || !started.value) throw new Error(`the demo run did not start: ${JSON.stringify(started)}`);
    const runId = started.value.runId;
    await page.goto(`${host.url}#/deploy/${encodeURIComponent(runId)}`);
    await page.locator('[data-testid="run-screen"][data-status="ready"]').waitFor();
    const follow = page.getByTestId('log-follow');
    const lines = async () => Number(await page.getByTestId('log-count').getAttribute('data-total'));
    // The observer must see a task known to be there: 120 ms of busy work in a task of the page's own.
    await page.evaluate(() => {
      setTimeout(() => {
        const end = performance.now() + 120;
        while (performance.now() < end);
      }, 0);
    });
    await page.waitForTimeout(300);
    const probe = await page.evaluate(() => {
      const figures = (globalThis as unknown as { benchFigures: PageFigures }).benchFigures;
      const seen = Math.max(0, ...figures.longTasks);
      figures.longTasks.length = 0;
      figures.clicks.length = 0;
      return seen;
    });
    if (probe < 100) throw new Error(`the long-task observer missed a 120 ms task (saw ${probe} ms); the figures would mean nothing`);

    const firstLines = await lines();
    const begin = Date.now();
    let clicks = 0;
    while (Date.now() - begin < floodSeconds * 1000) {
      await follow.click();
      clicks++;
      await page.waitForTimeout(clickEveryMs);
    }
    const seconds = (Date.now() - begin) / 1000;
    const lastLines = await lines();
    const figures = await page.evaluate(() => (globalThis as unknown as { benchFigures: PageFigures }).benchFigures);
    await page.evaluate(
      (id) => (globalThis as unknown as { rackpilot: { invoke(channel: string, request: unknown): Promise<unknown> } }).rackpilot.invoke('run:cancel', { runId: id }),
      runId,
    );

    const durations = figures.clicks.map((click) => click.duration);
    const delays = figures.clicks.map((click) => click.delay);
    const rate = (lastLines - firstLines) / seconds;
    console.log(`observer check: a 120 ms busy loop was seen as a ${ms(probe)} task`);
    console.log(`log flood: ${demo.targets} steps writing ${linesPerSecond.toLocaleString('en')} lines/s together for ${floodSeconds} s`);
    console.log(`  lines received by the page: ${(lastLines - firstLines).toLocaleString('en')} in ${seconds.toFixed(1)} s (${rate.toFixed(0)} lines/s), ${lastLines.toLocaleString('en')} held`);
    console.log(`  long tasks (> 50 ms): ${figures.longTasks.length}, longest ${ms(Math.max(0, ...figures.longTasks))}, over 100 ms: ${figures.longTasks.filter((task) => task > 100).length}`);
    console.log(`  clicks on Follow: ${clicks}; timed by the page (input to next paint, those over 16 ms): ${figures.clicks.length}`);
    console.log(`  click latency: median ${ms(percentile(durations, 50))}, p95 ${ms(percentile(durations, 95))}, max ${ms(Math.max(0, ...durations))}; input delay max ${ms(Math.max(0, ...delays))}`);
  } finally {
    await browser.close();
    await host.stop();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
