import type { WebSocketRoute } from '@playwright/test';
import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('after the connection drops and comes back, the run view catches up with what it missed', async ({ page, webHost, shot }) => {
  // The page's socket goes through the test, which can cut it and refuse new ones for a while.
  let offline = false;
  const open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  await page.routeWebSocket(/\/ws\?/, (socket) => {
    if (offline) return void socket.close({ code: 4000, reason: 'test: offline' });
    open.push({ page: socket, server: socket.connectToServer() });
  });

  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.startDemo({ targets: 2, stepMs: 1500, logLinesPerStep: 20 });
  const run = new DeployPage(page);
  const connection = page.getByTestId('connection');
  await expect(connection).toHaveAttribute('data-connected', 'true');
  await expect.poll(() => run.logLines()).toBeGreaterThan(0);

  offline = true;
  for (const pair of open.splice(0)) {
    await pair.server.close();
    await pair.page.close({ code: 4000, reason: 'test: offline' });
  }
  await expect(connection).toHaveAttribute('data-connected', 'false');
  await expect(connection).toContainText('Reconnecting');
  const linesBefore = await run.logLines();
  await shot('offline');
  // The run finishes while the page is not listening.
  await page.waitForTimeout(9000);
  expect(await run.logLines()).toBe(linesBefore);

  offline = false;
  await expect(connection).toHaveAttribute('data-connected', 'true', { timeout: 20_000 });
  await run.expectRunState('succeeded', 30_000);
  await expect(run.progressText).toHaveAttribute('data-done', '7');
  expect(await run.logLines()).toBeGreaterThan(linesBefore);
  await shot('caught-up');

  // Caught up means the same as loading afresh: every step and every line.
  const states = await run.stepStates();
  const lines = await run.logLines();
  await page.reload();
  await run.expectReady();
  expect(await run.stepStates()).toEqual(states);
  await expect(run.logCount).toHaveAttribute('data-total', String(lines));
});
