import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { englishLeft } from '../../integration/englishLeft';
import { parseArgs } from './args';
import { serveCommand } from './commands/serve';

/*
 * `serve`'s ready line in the reader's language. In-process, not through
 * bin/rackpilot.mjs: that one first builds the UI, which this line does not
 * need (a static folder that is missing only means 404s here).
 */
const home = mkdtempSync(join(tmpdir(), 'rp-serve-lang-'));
const previousHome = process.env.RACKPILOT_HOME;
afterAll(() => {
  if (previousHome === undefined) delete process.env.RACKPILOT_HOME;
  else process.env.RACKPILOT_HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

async function readyLines(lang: string): Promise<string[]> {
  process.env.RACKPILOT_HOME = home;
  const out = new PassThrough();
  let said = '';
  out.on('data', (chunk: Buffer) => (said += chunk.toString('utf8')));
  const served = serveCommand(parseArgs(['--port', '0', '--lang', lang], new Set(['port', 'lang']), new Set()), out as unknown as NodeJS.WriteStream);
  for (let waited = 0; said.split('\n').length < 3; waited += 20) {
    if (waited > 20_000) throw new Error(`no ready line; said ${JSON.stringify(said)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.emit('SIGINT');
  expect(await served).toBe(0);
  return said.trim().split('\n');
}

describe('rackpilot serve --lang', () => {
  it('says where it listens and its data folder in Chinese, the URL and the path as they are', async () => {
    const [url, ready] = await readyLines('zh');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\S*$/);
    const port = /:(\d+)\//.exec(url!)![1];
    expect(ready).toBe(`Rackpilot 网页主机位于 127.0.0.1:${port}，数据位于 ${home}。请打开上面的网址；按 Ctrl+C 停止。`);
    expect(englishLeft(ready!, [home])).toEqual([]);
  }, 30_000);

  it('keeps its English line without --lang', async () => {
    const [, ready] = await readyLines('en');
    expect(ready).toMatch(new RegExp(`^Rackpilot web host on 127\\.0\\.0\\.1:\\d+, data in ${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Open the URL above; Ctrl\\+C stops\\.$`));
  }, 30_000);
});
