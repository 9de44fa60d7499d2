import { StartPage } from './pages/StartPage';
import { ReviewPage } from './pages/ReviewPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample, setCells } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('the review draws an OpenStack slice and says which zone each node goes to and why', async ({ page, webHost, workdir, shot }) => {
  const workbook = await copySample(workdir);
  // An OpenStack endpoint next to the sample's Proxmox one, two zones, a flavor and a 4-node HA mesh slice.
  await setCells(workbook, [
    ['Endpoints', 'A3', 'os-lab'],
    ['Endpoints', 'B3', 'openstack'],
    ['Endpoints', 'C3', '192.0.2.10'],
    ['Endpoints', 'E3', 'admin'],
    ['Endpoints', 'M3', 'admin'],
    ['Availability zones', 'A2', 'zone-2'],
    ['Availability zones', 'B2', 'os-lab'],
    ['Availability zones', 'A3', 'zone-1'],
    ['Availability zones', 'B3', 'os-lab'],
    ['Flavors', 'A2', 'm1.small'],
    ['Slices', 'A2', 'mesh4'],
    ['Slices', 'B2', 'os-lab'],
    ['Slices', 'C2', 'mesh'],
    ['Slices', 'D2', 4],
    ['Slices', 'E2', 'yes'],
    ['Slices', 'F2', '172.31.0.0/24'],
    ['Slices', 'G2', '172.31.1.0/24'],
    ['Slices', 'K2', 'ubuntu-2404'],
    ['Slices', 'L2', 'm1.small'],
  ]);
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  await new ValidatePage(page).expectErrors(0);
  await new WizardNav(page).go('review');
  await new ReviewPage(page).expectReady();

  const slice = page.locator('[data-testid="slice"][data-slice="mesh4"]');
  const drawing = slice.getByRole('img', { name: /Topology of slice mesh4/ });
  await expect(drawing).toBeVisible();
  await expect(drawing.locator('[data-testid="slice-node"]')).toHaveCount(4);
  await expect(drawing.locator('[data-testid="slice-link"]')).toHaveCount(6);
  // The table equivalent: every node with its management address and three links.
  const nodes = slice.getByRole('table', { name: 'Nodes of slice mesh4, their networks and addresses' });
  await expect(nodes.locator('tr[data-node="mesh4-3"]')).toContainText('mesh4-mgmt 172.31.1.12');
  await expect(nodes.locator('tr[data-node="mesh4-3"] td').last()).toHaveText('mesh4-1, mesh4-2, mesh4-4');
  // HA: round-robin over the zones sorted by name, whatever order the sheet lists them in.
  const zones = slice.getByRole('table', { name: 'Availability zone of each node of slice mesh4' });
  await expect(zones.locator('tbody tr')).toHaveCount(4);
  for (const [node, zone] of [['mesh4-1', 'zone-1'], ['mesh4-2', 'zone-2'], ['mesh4-3', 'zone-1'], ['mesh4-4', 'zone-2']]) {
    await expect(zones.locator(`tr[data-node="${node}"]`)).toHaveAttribute('data-zone', zone!);
  }
  await expect(zones.locator('tr[data-node="mesh4-1"]')).toContainText('round-robin over zone-1, zone-2');
  await shot('review-slices');
});
