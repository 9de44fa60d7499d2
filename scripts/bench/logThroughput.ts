// Log lines per second persisted by the engine while a subscriber (standing
// in for the UI: it serializes every batch as the web host does) listens.
// Run: npx tsx scripts/bench/logThroughput.ts [linesPerStep] [targets]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngineService } from '../../electron/engine/service/engineService';

const linesPerStep = Number(process.argv[2] ?? 50_000);
const targets = Number(process.argv[3] ?? 4);
const dataDir = mkdtempSync(join(tmpdir(), 'rp-bench-logs-'));
const engine = await createEngineService({ dataDir, host: 'cli', version: 'bench' });

let bytesSent = 0;
let linesSeen = 0;
let batches = 0;
let done: () => void = () => undefined;
const finished = new Promise<void>((resolve) => (done = resolve));
engine.onEvents((events) => {
  bytesSent += JSON.stringify({ type: 'event', event: 'run:events', payload: { events } }).length;
  batches++;
  for (const event of events) {
    if (event.type === 'log') linesSeen += event.lines.length;
    if (event.type === 'run.state' && (event.state === 'succeeded' || event.state === 'failed')) done();
  }
});

const started = performance.now();
const reply = await dispatch(engine.handlers, 'run:start', {
  source: { kind: 'demo', targets, stepMs: 0, logLinesPerStep: linesPerStep },
  concurrency: 8,
});
if (!reply.ok) throw new Error(reply.error.title);
await finished;
const seconds = (performance.now() - started) / 1000;
await engine.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(`log lines persisted and pushed: ${linesSeen.toLocaleString('en')} in ${seconds.toFixed(2)} s`);
console.log(`throughput: ${Math.round(linesSeen / seconds).toLocaleString('en')} lines/s (aim: over 50,000)`);
console.log(`subscriber: ${batches} batches, ${(bytesSent / 1024 / 1024).toFixed(1)} MiB serialized`);
console.log(`RSS at end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
