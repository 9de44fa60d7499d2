import type { Progress } from '../../../shared/runModel';
import type { MessageKey, Translate } from '../i18n';

const phaseKeys: Record<string, MessageKey> = {
  clone: 'phase.clone',
  configure: 'phase.configure',
  resize: 'phase.resize',
  start: 'phase.start',
  guestAgent: 'phase.guestAgent',
  customize: 'phase.customize',
  verify: 'phase.verify',
  scripts: 'phase.scripts',
  fields: 'phase.fields',
  iso: 'phase.iso',
  login: 'phase.login',
  resources: 'phase.resources',
  upload: 'phase.upload',
  resolve: 'phase.resolve',
  create: 'phase.create',
  network: 'phase.network',
  preinstall: 'phase.preinstall',
  installer: 'phase.installer',
  watch: 'phase.watch',
  rootUser: 'phase.rootUser',
  organization: 'phase.organization',
  ntp: 'phase.ntp',
  dns: 'phase.dns',
  license: 'phase.license',
  datacenter: 'phase.datacenter',
  connect: 'phase.connect',
  wait: 'phase.wait',
};

/** "Resizing the disk (3 of 5)" for a step that reports its phase; null for one that does not. A phase this build does not know shows its id. */
export function phaseText(progress: Progress | null, t: Translate): string | null {
  if (!progress?.phase) return null;
  const key = phaseKeys[progress.phase];
  const phase = key ? t(key) : progress.phase;
  if (progress.phaseIndex === undefined || progress.phaseCount === undefined) return phase;
  return t('phase.ofCount', { phase, index: progress.phaseIndex + 1, count: progress.phaseCount });
}
