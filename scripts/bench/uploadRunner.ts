// The uploading side of uploadThroughput.ts, run in its own process (bundled by
// esbuild, as the engine ships) so its peak RSS is the upload's, not the
// benchmark harness's. Input: one JSON argument; output: one JSON line.
import { createHttpClient } from '../../electron/engine/net/httpClient';
import { multipartTarget } from '../../electron/engine/transfer/multipartTarget';
import { uploadStreamed } from '../../electron/engine/transfer/uploadStreamed';

export interface RunnerInput {
  file: string;
  url: string;
  fields: [string, string][];
  fileField: string;
  headers: Record<string, string>;
  algorithms: string[];
  fingerprint?: string;
}

export interface RunnerOutput {
  seconds: number;
  cpuSeconds: number;
  /** Kernel-measured peak resident set of this process, bytes. */
  maxRss: number;
  /** Before the upload started (runtime + modules). */
  startRss: number;
  digests: Record<string, string>;
}

const input = JSON.parse(process.argv[2] ?? '{}') as RunnerInput;
const url = new URL(input.url);
const client = createHttpClient({
  baseURL: url.origin,
  trust: { findPins: () => [], addPin: () => undefined },
  timeoutMs: 60_000,
  ...(input.fingerprint ? { expectedFingerprints: [input.fingerprint] } : {}),
});
const startRss = process.memoryUsage.rss();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await uploadStreamed({
  file: input.file,
  algorithms: input.algorithms,
  target: multipartTarget({ client, url: url.pathname + url.search, fields: input.fields, fileField: input.fileField, headers: input.headers }),
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
client.close();
const output: RunnerOutput = {
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  maxRss: process.resourceUsage().maxRSS * 1024,
  startRss,
  digests: result.digests,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
