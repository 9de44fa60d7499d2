import { makeSelfSigned } from '../electron/engine/net/tlsTestKit';
import { startOpenStackLab } from '../electron/lab/openstack';
import { ConnectPage } from './pages/ConnectPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { WizardNav } from './pages/WizardNav';
import { seriousAxeViolations } from './support/axe';
import { untranslatedOnPage } from './support/untranslated';
import { copyPlatformSample, setCells } from './support/workbooks';
import { expect, test } from './webhost.fixture';

/*
 * Issue 15: an OpenStack on HTTPS whose Nova, Neutron and Glance answer on
 * ports of their own (the product's simulator, one certificate for all),
 * reached directly as the workbook's endpoint. Connect asks about Keystone's
 * certificate, and once that is trusted and the login works, about the one
 * certificate the three services share, naming each, in every language and
 * theme; one Trust pins it for all of them and the checks pass.
 */

test("the certificate OpenStack's services share is asked about once on Connect, naming each service, in zh and es, light and dark", async ({ page, webHost, workdir, shot }) => {
  const keys = makeSelfSigned('os-head', 'DNS:localhost');
  const cloud = await startOpenStackLab({ host: '127.0.0.1', advertisedHost: 'localhost', tls: keys, buildMs: 20 });
  try {
    const workbook = await copyPlatformSample(workdir, 'sample-openstack.en.xlsx', 'https-site.xlsx');
    await setCells(workbook, [
      ['Endpoints', 'C2', cloud.authUrl],
      ['Endpoints', 'D2', Number(new URL(cloud.authUrl).port)],
      ['Endpoints', 'E2', cloud.username],
      ['Endpoints', 'F2', cloud.password],
      ['Endpoints', 'I2', null],
      ['Endpoints', 'M2', cloud.project],
      ['Endpoints', 'N2', cloud.domain],
    ]);
    const start = new StartPage(page);
    await start.open(webHost.url);
    await start.openPath(workbook);
    const nav = new WizardNav(page);
    await nav.next();

    const connect = new ConnectPage(page);
    await connect.expectChecked();
    const keystonePort = String(new URL(cloud.authUrl).port);
    await expect(connect.certificate('os-lab')).toHaveAttribute('data-fingerprint', keys.fingerprint);
    await expect(connect.certificate('os-lab').getByTestId('cert-services')).toHaveCount(0);
    await expect(connect.certificate('os-lab').locator('h3')).toContainText(`localhost:${keystonePort}`);
    await connect.trust('os-lab');

    // Logged in; the services' certificate, one panel for the three of them.
    await connect.expectCheck('os-lab', 'login', 'ok');
    await connect.expectCheck('os-lab', 'tls', 'blocker');
    const services = connect.certificate('os-lab').getByTestId('cert-services').locator('li');
    const portOf = (url: string) => new URL(url).port;
    await expect(services).toHaveText([`compute at localhost:${portOf(cloud.urls.compute)}`, `network at localhost:${portOf(cloud.urls.network)}`, `image at localhost:${portOf(cloud.urls.image)}`]);

    const settings = new SettingsPage(page);
    for (const language of ['zh', 'es'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await settings.open();
        await settings.setLanguage(language);
        await settings.setTheme(theme);
        await page.getByTestId('nav-wizard').click();
        await nav.expectCurrent('connect');
        await expect(services).toHaveCount(3);
        await expect(services.first()).toContainText(`localhost:${portOf(cloud.urls.compute)}`);
        expect(await untranslatedOnPage(page, language), `untranslated on Connect in ${language}`).toEqual([]);
        expect(await seriousAxeViolations(page), `axe on Connect in ${language}/${theme}`).toEqual([]);
        await shot(`services-certificate-${language}-${theme}`);
      }
    }

    await connect.trust('os-lab');
    await connect.expectCheck('os-lab', 'tls', 'ok');
    await connect.expectCheck('os-lab', 'version', 'ok');
    await expect(connect.certificate('os-lab')).toHaveCount(0);
    await settings.open();
    for (const url of [cloud.authUrl, cloud.urls.compute, cloud.urls.network, cloud.urls.image]) await expect(settings.pin('localhost', Number(portOf(url)))).toHaveAttribute('data-fingerprint', keys.fingerprint);
  } finally {
    await cloud.close();
  }
});
