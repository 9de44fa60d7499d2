import { PveError } from '../reply';
import { sleep } from '../state/tasks';
import { params, text, type HandlerDef } from './common';

/** POST /access/ticket: password (or a still-valid ticket, to renew it) for a ticket and CSRF token. */
export const createTicket: HandlerDef = params(async ({ lab, params: p }) => {
  const session = lab.auth.login(String(p.username), String(p.password), text(p, 'realm'));
  if (!session) {
    // PVE slows down failed logins; so does the lab (latency.authFailureMs).
    await sleep(lab.settings.latency.authFailureMs, lab.signal).catch(() => undefined);
    throw new PveError(401, 'authentication failure');
  }
  return {
    username: session.userid,
    ticket: session.ticket,
    CSRFPreventionToken: session.csrf,
    clustername: lab.cluster.clusterName,
    cap: {
      vms: { 'VM.Allocate': 1, 'VM.Clone': 1, 'VM.Config.Disk': 1, 'VM.PowerMgmt': 1, 'VM.Audit': 1 },
      storage: { 'Datastore.Allocate': 1, 'Datastore.AllocateSpace': 1, 'Datastore.Audit': 1 },
      nodes: { 'Sys.Audit': 1, 'Sys.Modify': 1 },
    },
  };
});

export const version: HandlerDef = params(({ lab }) => ({ ...lab.settings.version, console: 'html5' }));
