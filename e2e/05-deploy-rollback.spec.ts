import { ConnectPage } from './pages/ConnectPage';
import { DeployPage } from './pages/DeployPage';
import { HistoryPage } from './pages/HistoryPage';
import { ReviewPage } from './pages/ReviewPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { endpointCells, listGuests, prepareForSample } from './support/lab';
import { copySample, readTable, setCells } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('a deployment with one failed VM is rolled back: the confirmation lists the VMs, the undos show live, and the cluster keeps none of them', async ({
  page,
  webHost,
  workdir,
  lab,
  shot,
}) => {
  test.setTimeout(300_000);
  await prepareForSample(lab);
  const workbook = await copySample(workdir, 'site.xlsx');
  // As in 05-deploy: only web-03 grows its disk, so a fault on resize tasks fails web-03 alone; no scripts (they would reach private addresses).
  const vms = await readTable(workbook, 'VMs', 'Name *');
  const disks = vms.map((vm, index): [string, string, string] => ['VMs', `H${index + 2}`, vm['Name *'] === 'web-03' ? '40G' : /windows/i.test(vm['OS *'] ?? '') ? '40G' : '10G']);
  const noScripts = vms.map((_, index): [string, string, null] => ['VMs', `M${index + 2}`, null]);
  await setCells(workbook, [...endpointCells(lab), ...disks, ...noScripts]);

  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  await new ValidatePage(page).expectErrors(0);
  const nav = new WizardNav(page);
  await nav.next();
  const connect = new ConnectPage(page);
  await connect.expectChecked();
  await connect.trust('pve-lab');
  await expect(connect.summary).toHaveAttribute('data-blockers', '0');
  await nav.next();
  const review = new ReviewPage(page);
  await review.expectReady();
  await lab.post('faults', { faults: [{ kind: 'taskFails', taskType: 'resize', count: 100, message: 'resize failed: injected by the e2e test' }] });
  const runId = await review.deploy();

  const deploy = new DeployPage(page);
  await deploy.expectReady();
  await deploy.expectRunState('failed', 180_000);
  await deploy.expectStepState('vm.create:web-03', 'failed');
  const made = (await listGuests(lab)).filter((guest) => !guest.template);
  expect(made.map((guest) => guest.name).sort()).toEqual(vms.map((vm) => vm['Name *']).filter((name) => name !== 'web-03').sort());
  await shot('failed');

  const listed = await deploy.rollBack();
  // web-03's failed attempts deleted their own clones: its undo only checks, and the list says so.
  // The ISO the run uploaded goes too.
  expect(listed.filter((line) => !line.startsWith('VM ')).sort()).toEqual(['Create VM web-03 (nothing recorded as left; checked)', 'Image local:iso/tools.iso (“tools.iso”) on pve-lab/pve1']);
  const removes = listed.filter((line) => line.startsWith('VM '));
  expect(removes).toHaveLength(made.length);
  for (const guest of made) expect(removes).toContainEqual(expect.stringMatching(new RegExp(`^VM ${guest.vmid} “${guest.name}” on pve-lab/pve[123]$`)));
  await deploy.expectRunState('rolled_back', 120_000);
  await expect(page.getByTestId('rollback-progress')).toHaveAttribute('data-undone', String(listed.length));
  await expect(deploy.step('vm.create:web-01').getByTestId('step-undo')).toHaveAttribute('data-undo', 'undone');
  await expect(deploy.rollbackOutcome).toHaveAttribute('data-state', 'rolled_back');
  await expect(deploy.step('vm.create:web-03').getByTestId('step-retry')).toHaveCount(0);
  await shot('rolled-back');
  // Checked through the cluster's own API: no VM of the plan is left, the templates are.
  const left = await listGuests(lab);
  expect(left.filter((guest) => !guest.template)).toEqual([]);
  expect(left.filter((guest) => guest.template).length).toBeGreaterThan(0);

  const history = new HistoryPage(page);
  await history.open();
  await expect(history.row(runId)).toHaveAttribute('data-state', 'rolled_back');
  await shot('history');
});
