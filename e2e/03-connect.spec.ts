import { ConnectPage } from './pages/ConnectPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { endpointCells, prepareForSample } from './support/lab';
import { copySample, setCells } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('an endpoint with an unknown certificate is blocked until its fingerprint is trusted, then logs in', async ({ page, webHost, workdir, lab, shot }) => {
  await prepareForSample(lab);
  const workbook = await copySample(workdir, 'lab-site.xlsx');
  await setCells(workbook, endpointCells(lab));
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  await new ValidatePage(page).expectErrors(0);
  const nav = new WizardNav(page);
  await nav.next();

  const connect = new ConnectPage(page);
  await connect.expectChecked();
  await connect.expectCheck('pve-lab', 'reachable', 'ok');
  await connect.expectCheck('pve-lab', 'tls', 'blocker');
  await expect(connect.endpoint('pve-lab')).toHaveAttribute('data-status', 'blocker');
  const certificate = connect.certificate('pve-lab');
  await expect(certificate).toHaveAttribute('data-fingerprint', lab.fingerprint);
  await expect(certificate.getByTestId('fingerprint')).toHaveText(lab.fingerprint.replace(/:/g, '').match(/.{16}/g)!.map((line) => line.match(/../g)!.join(':')).join(''));
  await expect(connect.summary).not.toHaveAttribute('data-blockers', '0');
  await shot('certificate');

  // Rejecting keeps it blocked; checking again asks once more.
  await connect.reject('pve-lab');
  await expect(certificate).toHaveAttribute('data-rejected', 'true');
  await expect(certificate.getByTestId('cert-trust')).toHaveCount(0);
  await connect.checkAgain('pve-lab');
  await expect(certificate).toHaveAttribute('data-rejected', 'false');

  // The review says a real deployment waits for the checks.
  await nav.go('review');
  await expect(page.getByTestId('deploy-real')).toBeDisabled();
  await expect(page.getByTestId('deploy-reason')).toContainText('Resolve the blockers');
  await nav.go('connect');

  await connect.trust('pve-lab');
  await connect.expectCheck('pve-lab', 'tls', 'ok');
  await connect.expectCheck('pve-lab', 'login', 'ok');
  await connect.expectCheck('pve-lab', 'templates', 'ok');
  await expect(connect.certificate('pve-lab')).toHaveCount(0);
  await expect(connect.endpoint('pve-lab').getByTestId('node')).toHaveCount(3);
  await expect(connect.summary).toHaveAttribute('data-blockers', '0');
  await shot('trusted');

  await nav.go('review');
  await expect(page.getByTestId('deploy-real')).toBeEnabled();

  // The pin is listed in the settings, host and port as the lab's.
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(settings.pin(lab.host, lab.port)).toHaveAttribute('data-fingerprint', lab.fingerprint);
});
