/*
 * The two scripts the CloudTower ISO leaves on its VM, as this lab plays
 * them. One text for both SSH targets: the lab's sandboxed shell (a small
 * POSIX subset: no `if`, pipes or `$(...)`, hence the repeated `test ... ||`)
 * and a real bash behind Debian's OpenSSH in the agreement test, where `root`
 * prefixes every path so the test never writes the machine's own /usr or /etc.
 */

export const towerDir = '/usr/share/smartx/tower';
export const preinstallPath = `${towerDir}/preinstall.sh`;
/** The installer binary of SmartX's CloudTower procedure, run as `installer deploy` (README.md). */
export const installerPath = `${towerDir}/installer/binary/installer`;
/** The sub-command that installs; anything else prints the usage and exits 2. */
export const installerDeploy = 'deploy';
/** Present (holding the error line) when the installer must fail: the `installFails` fault. */
export const failMarkerPath = '/etc/smartx/tower-lab/install-fails';
/** Written by a successful install (the version); the lab watches it to bring CloudTower up. */
export const installedMarkerPath = '/var/lib/cloudtower/installed';
export const successLine = 'Install Operation Center Successfully';
export const failureLinePrefix = 'ERROR: Install Operation Center Failed:';
export const towerScriptVersion = '4.6.0';

export interface TowerScriptOptions {
  /** Prefix of every absolute path ('' on the lab's sandbox). */
  root?: string;
  /** Seconds between two progress lines of the installer (fractions allowed). */
  stepSeconds: number;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function preinstallScript(options: TowerScriptOptions): string {
  return [
    '#!/bin/bash',
    '# CloudTower pre-install checks (SmartX lab stand-in for the ISO\'s script).',
    'test "$USER" = root || echo "preinstall: permission denied, run it with sudo"',
    'test "$USER" = root || exit 1',
    'echo "Checking CPU and memory ... ok"',
    'echo "Checking system disk ... ok"',
    'echo "Checking network and DNS ... ok"',
    `sleep ${options.stepSeconds}`,
    'echo "Preinstall check passed"',
    '',
  ].join('\n');
}

const steps = ['Loading container images', 'Initializing database', 'Starting core services', 'Starting web console', 'Checking service health'];

export function installerScript(options: TowerScriptOptions): string {
  const root = options.root ?? '';
  const failMarker = quote(`${root}${failMarkerPath}`);
  const installed = `${root}${installedMarkerPath}`;
  const lines = [
    '#!/bin/bash',
    '# CloudTower installer (SmartX lab stand-in). Progress on stdout: nohup.out when started with nohup.',
    `test "$1" = ${installerDeploy} || echo "usage: installer ${installerDeploy}"`,
    `test "$1" = ${installerDeploy} || exit 2`,
    `test "$USER" = root || echo "${failureLinePrefix} permission denied, run it with sudo"`,
    'test "$USER" = root || exit 1',
    `echo "Start to install Operation Center ${towerScriptVersion}"`,
  ];
  steps.forEach((step, index) => {
    lines.push(`sleep ${options.stepSeconds}`, `echo "[${index + 1}/${steps.length}] ${step}"`);
    // The fault strikes half-way, after the installer has visibly started.
    if (index === 2) lines.push(`test -f ${failMarker} && cat ${failMarker}`, `test -f ${failMarker} && exit 1`);
  });
  lines.push(`mkdir -p ${quote(installed.slice(0, installed.lastIndexOf('/')))}`, `echo ${towerScriptVersion} > ${quote(installed)}`, `echo "${successLine}"`, '');
  return lines.join('\n');
}

/** The installer's error line for a fault's message. */
export const failureLine = (reason: string) => `${failureLinePrefix} ${reason.replace(/[\r\n]+/g, ' ')}`;
