import { DeployPage } from './pages/DeployPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { copySample } from './support/workbooks';
import { englishSentencesOnPage, untranslatedOnPage } from './support/untranslated';
import { walkScreens } from './support/walkScreens';
import { join } from 'node:path';
import { expect, test } from './webhost.fixture';

for (const language of ['zh', 'es'] as const) {
  test(`in ${language}, no screen shows an English catalogue message: step titles, run names and findings included`, async ({ page, webHost, workdir }) => {
    test.setTimeout(240_000);
    const workbook = await copySample(workdir, `${language}.xlsx`);
    expect(await walkScreens(page, { language, workbook, url: webHost.url, sentencesOn: new Set(['connect', 'deploy', 'report']) })).toEqual({});
  });
}

test('in zh, a run with a failed step says its errors, hints, log lines and report in Chinese: no English sentence on Deploy or Report', async ({ page, webHost, shot }) => {
  test.setTimeout(120_000);
  const start = new StartPage(page);
  await start.open(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setLanguage('zh');
  await page.getByTestId('nav-wizard').click();
  await start.startDemo({ targets: 2, stepMs: 300, logLinesPerStep: 3, failStep: 'demo.upload:vm-02', failMode: 'always' });
  const deploy = new DeployPage(page);
  await deploy.expectStepState('demo.upload:vm-02', 'failed', 60_000);
  await deploy.expectRunState('failed', 60_000);
  const failed = page.locator('[data-testid="failed-step"][data-step-id="demo.upload:vm-02"]');
  await expect(failed).toContainText('演示故障：demo.upload:vm-02');
  await expect(failed).toContainText('重试该步骤即可继续');
  // Rackpilot's own log lines are Chinese too; the check below reads them.
  await expect(page.locator('[data-testid="log-row"][data-words="rackpilot"]').first()).toBeVisible();
  await expect(page.getByTestId('log-viewport')).toContainText('按演示计划的要求失败');
  const onDeploy = [...(await untranslatedOnPage(page, 'zh')), ...(await englishSentencesOnPage(page))];
  await shot('zh-deploy-failed-step');
  await deploy.openReport();
  await expect(page.locator('ul[data-testid="report-failed"]')).toContainText('演示故障');
  const onReport = [...(await untranslatedOnPage(page, 'zh')), ...(await englishSentencesOnPage(page))];
  await shot('zh-report-failed-step');
  expect({ deploy: onDeploy, report: onReport }).toEqual({ deploy: [], report: [] });
});

test('an empty template is an error at Validate that says there is nothing to deploy, and the plan is not called ready', async ({ page, webHost, workdir }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const target = join(workdir, 'empty.xlsx');
  await start.createTemplate(target, 'en');
  await page.getByTestId('template-open').click();
  const validate = new ValidatePage(page);
  await validate.expectImported();
  await validate.expectErrors(1);
  await expect(page.locator('[data-testid="finding-row"][data-code="plan.nothing_to_deploy"]')).toContainText('There is nothing to deploy in empty.xlsx');
  await expect(page.getByTestId('plan-ok')).toHaveCount(0);
  await expect(page.getByTestId('finding-counts')).not.toContainText('1 sheets');
});
