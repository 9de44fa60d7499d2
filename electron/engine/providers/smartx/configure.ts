import { AppFailure } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { Progress } from '../../../../shared/runModel';
import { HttpFailure } from '../../net/httpErrors';
import { phaseReporter } from './phases';
import type { TowerClient } from './towerClient';
import type { TowerInput } from './towerPlan';
import { writeFileAsRoot, type TowerShell } from './towerSsh';
import type { StepLog } from './types';

export const configureArtifactKey = 'cloudtower';
export const configurePhases = ['rootUser', 'login', 'organization', 'ntp', 'dns', 'license'] as const;

/** What the configured CloudTower says about itself: the report's and the next stages' facts (no token: it is a secret). */
export interface TowerConfigArtifact {
  organisation: string;
  organisationId: string | null;
  ntp: string;
  dns: string;
  ntpServiceUrl: string | null;
  version: string | null;
  licenseSerial: string | null;
  licenseType: string | null;
  licenseEdition: string | null;
  licenseExpires: string | null;
}

interface WithTask<T> {
  task_id?: string | null;
  data: T;
}

export interface ConfigureJob {
  tower: TowerClient;
  /** The planned web administrator password, which the first-run setup gives root. */
  rootPassword: string;
  input: TowerInput;
  shell: TowerShell;
  signal: AbortSignal;
  log: StepLog;
  progress: (progress: Progress) => void;
  taskPoll: { intervalMs: number; timeoutMs: number };
}

const isAlreadyDone = (error: unknown): boolean => error instanceof HttpFailure && error.status === 400 && /already|exist/i.test(error.message);

/**
 * CloudTower's first run, then its basic configuration, in the design's
 * order: root user, login, organisation, NTP, DNS, license. Each part
 * looks first (an organisation already there, a root user already made),
 * so the step can run again.
 */
export async function configureTower(job: ConfigureJob): Promise<TowerConfigArtifact> {
  const { tower, input, signal, log } = job;
  const report = phaseReporter(job.progress, configurePhases);
  tower.addSecret(job.rootPassword);

  report('rootUser');
  try {
    await tower.call('create-root-user', { password: job.rootPassword }, signal, { withToken: false });
    log('info', text('smartx.log.rootUserCreated', { tower: tower.endpointName }));
  } catch (error) {
    if (!isAlreadyDone(error)) throw error;
    log('info', text('smartx.log.rootUserThere', { tower: tower.endpointName }));
  }

  report('login');
  const organisations = await tower.call<Array<{ id: string; name: string }>>('get-organizations', {}, signal);
  log('info', text('smartx.log.towerLoggedIn', { tower: tower.endpointName }));

  report('organization');
  let organisation = organisations.find((entry) => entry.name === input.organisation);
  if (!organisation) {
    const created = await tower.call<Array<WithTask<{ id: string; name: string }>>>('create-organization', [{ name: input.organisation }], signal);
    const first = created[0];
    if (first?.task_id) await tower.waitTask(first.task_id, text('smartx.what.createOrganisation', { name: input.organisation }), signal, job.taskPoll);
    organisation = first?.data;
    log('info', organisation?.id ? text('smartx.log.orgCreatedId', { name: input.organisation, id: organisation.id }) : text('smartx.log.orgCreated', { name: input.organisation }));
  } else {
    log('info', text('smartx.log.orgExists', { name: input.organisation, id: organisation.id }));
  }

  report('ntp');
  // CloudTower's API has no call for its own NTP: like SmartX's procedure, chrony on the VM is configured.
  if (input.ntpServers.length > 0) {
    await writeFileAsRoot(job.shell, '/etc/chrony.conf', [...input.ntpServers.map((server) => `server ${server} iburst`), 'driftfile /var/lib/chrony/drift', 'makestep 1.0 3', 'rtcsync'], text('smartx.what.writeFile', { path: '/etc/chrony.conf' }));
    log('info', text('smartx.log.ntpSet', { servers: input.ntpServers.join(', ') }));
  } else {
    log('warn', text('smartx.log.noNtp'));
  }
  const ntpServiceUrl = (await tower.call<{ ntp_service_url?: string }>('get-ntp-service-url', {}, signal).catch(() => null))?.ntp_service_url ?? null;

  report('dns');
  if (input.dnsServers.length > 0) {
    await writeFileAsRoot(job.shell, '/etc/resolv.conf', input.dnsServers.map((server) => `nameserver ${server}`), text('smartx.what.writeFile', { path: '/etc/resolv.conf' }));
    log('info', text('smartx.log.dnsSet', { servers: input.dnsServers.join(', ') }));
  } else {
    log('warn', text('smartx.log.noDns'));
  }

  report('license');
  const licenses = await tower.call<Array<{ license_serial?: string; type?: string; software_edition?: string; expire_date?: string }>>('get-licenses', {}, signal);
  const license = licenses[0] ?? null;
  const version = await readVersion(tower, signal);
  log('info', license ? text('smartx.log.license', { serial: license.license_serial ?? '?', type: license.type ?? '?', edition: license.software_edition ?? '?', expires: license.expire_date ?? '?' }) : text('smartx.log.noLicense'));
  report('license', 1);
  return {
    organisation: input.organisation,
    organisationId: organisation?.id ?? null,
    ntp: input.ntpServers.join(', '),
    dns: input.dnsServers.join(', '),
    ntpServiceUrl,
    version,
    licenseSerial: license?.license_serial ?? null,
    licenseType: license?.type ?? null,
    licenseEdition: license?.software_edition ?? null,
    licenseExpires: license?.expire_date ?? null,
  };
}

/** `get-deploys` names the installed version; a CloudTower without it (404) says nothing. */
async function readVersion(tower: TowerClient, signal: AbortSignal): Promise<string | null> {
  try {
    const deploys = await tower.call<Array<{ version?: string }>>('get-deploys', {}, signal);
    return deploys[0]?.version ?? null;
  } catch (error) {
    if (error instanceof AppFailure && error.appError.code === 'not_found') return null;
    throw error;
  }
}
