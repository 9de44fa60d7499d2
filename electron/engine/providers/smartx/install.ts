import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { Progress } from '../../../../shared/runModel';
import { execCollect, quoteWord, waitForPattern } from '../../ssh';
import { phaseReporter } from './phases';
import { fileExists, homeOf, runAsRoot, type TowerShell } from './towerSsh';

/** SmartX's installer on the CloudTower ISO, and what it writes when it is done. */
export const preinstallScript = '/usr/share/smartx/tower/preinstall.sh';
/** SmartX's own procedure runs the ISO's installer binary as `installer deploy`. */
export const installer = { file: '/usr/share/smartx/tower/installer/binary/installer', args: ['deploy'] } as const;
/** nohup's output file, in the SSH user's home. */
export const installerLog = 'nohup.out';
export const successLine = 'Install Operation Center Successfully';
/** Lines after which the installer does not go on. */
export const installerErrorLine = /Install Operation Center Failed|\[(ERROR|FATAL)\]|\blevel=(error|fatal)\b|^(ERROR|FATAL)\b/;

export const installPhases = ['preinstall', 'installer', 'watch'] as const;

export interface InstallTimings {
  /** Nothing is read from nohup.out before this (the installer's first minutes mean nothing): 3 min, short in the lab. */
  graceMs: number;
  /** From the end of the grace: about 20 min on real hardware, so 60 min. */
  timeoutMs: number;
  preinstallTimeoutMs: number;
}

export interface InstallJob extends TowerShell {
  progress: (progress: Progress) => void;
  timings: InstallTimings;
}

/** Has an earlier attempt already installed it? (`check()`: a retried or resumed step does not install twice.) */
export async function installerSucceeded(shell: TowerShell): Promise<boolean> {
  const home = await homeOf(shell);
  const result = await execCollect(shell.session, ['cat', `${home}/${installerLog}`], { signal: shell.signal, timeoutMs: 20_000 });
  return result.exitCode === 0 && result.stdout.some((line) => line.includes(successLine));
}

/**
 * Runs preinstall.sh, starts the installer in the background as root with
 * its output in nohup.out (it outlives our SSH channel, as `nohup ... &`
 * does in SmartX's instructions), then follows nohup.out until the success
 * line, an error line or the deadline. Every line goes to the step's log as it comes.
 */
export async function installTower(job: InstallJob): Promise<{ line: string }> {
  const { session, log, timings } = job;
  const report = phaseReporter(job.progress, installPhases);

  report('preinstall');
  log('info', text('smartx.log.preinstall', { script: preinstallScript, host: session.label }));
  await runAsRoot(job, `sh ${preinstallScript}`, preinstallScript, timings.preinstallTimeoutMs);

  report('installer');
  const home = await homeOf(job);
  const output = `${home}/${installerLog}`;
  if (!(await fileExists(job, installer.file))) {
    throw new AppFailure(appError('step_failed', text('smartx.install.noInstaller', { host: session.label, file: installer.file }), { hint: text('smartx.install.noInstallerHint'), retryable: false }));
  }
  const command = [installer.file, ...installer.args].map(quoteWord).join(' ');
  // A new nohup.out: a line of an earlier, failed attempt is never read as this one's outcome.
  await runAsRoot(job, `rm -f ${quoteWord(output)}; nohup ${command} >> ${quoteWord(output)} 2>&1 < /dev/null &`, text('smartx.what.startInstaller'));
  log('info', text('smartx.log.installerStarted', { file: installer.file, host: session.label, output, seconds: Math.round(timings.graceMs / 1000) }));

  report('watch');
  const pattern = new RegExp(`${successLine}|${installerErrorLine.source}`);
  const onLine = (source: 'stdout' | 'stderr', line: string): void => log(source === 'stderr' ? 'warn' : 'info', job.redactor.redact(line));
  const { line } = await waitForPattern(session, output, { pattern, graceMs: timings.graceMs, timeoutMs: timings.graceMs + timings.timeoutMs, signal: job.signal, onLine });
  if (!line.includes(successLine)) {
    throw new AppFailure(
      appError('step_failed', text('smartx.install.failed', { host: session.label, line: job.redactor.redact(line).slice(0, 300) }), {
        hint: text('smartx.install.failedHint', { output }),
        retryable: false,
      }),
    );
  }
  report('watch', 1);
  log('info', text('smartx.log.installed', { line: successLine, host: session.label }));
  return { line };
}
