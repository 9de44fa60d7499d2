import { errorWords, fail, toAppError, type ErrorWords } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { Endpoint, Plan } from '../../../shared/plan/model';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
import { checkIps } from './ipCheck';
import { endpointNeeds } from './planNeeds';
import { hostPort, probeTcp } from './tcpProbe';
import { checkTls } from './tlsCheck';
import { check, defaultTimeouts, type EndpointPreflight, type PreflightCheck, type PreflightCheckId, type PreflightOptions } from './types';

const apiChecks = ['login', 'version', 'capacity', 'templates', 'storages'] as const;
const order: PreflightCheckId[] = ['reachable', 'tls', ...apiChecks, 'ips'];

/** Where the endpoint's API listens, read as the provider reads it (a bare host or a URL, the port column as default). */
export function endpointTarget(endpoint: Endpoint): { host: string; port: number; url: string } {
  const address = endpoint.address.trim();
  let host = address;
  let port = endpoint.port;
  // An address written as http:// (OpenStack labs, some Keystones) is shown as it is dialled, never as https.
  const scheme = /^http:\/\//i.test(address) ? 'http' : 'https';
  if (/^https?:\/\//i.test(address)) {
    const url = new URL(address);
    host = url.hostname;
    port = url.port ? Number(url.port) : endpoint.port;
  }
  host = host.replace(/^\[(.*)\]$/, '$1');
  if (!host) fail('plan_invalid', text('preflight.noAddress', { name: endpoint.name }));
  return { host, port, url: `${scheme}://${hostPort(host, port)}` };
}

const skipAll = (ids: readonly PreflightCheckId[], message: ErrorWords): PreflightCheck[] => ids.map((id) => check(id, 'skipped', message));

/** An endpoint no provider of this build serves gets the network checks only, and says so (validation warned about it too). */
const noProvider = (endpoint: Endpoint, providers: ProviderRegistry, lab = false): ErrorWords =>
  text(lab ? 'preflight.noProviderLab' : 'preflight.noProvider', { kind: endpoint.kind, kinds: providers.kinds.join(', ') });
const notChecked = (reason: ErrorWords): ErrorWords => text('preflight.skipBecause', { reason });

async function checkEndpoint(plan: Plan, endpoint: Endpoint, options: PreflightOptions, providers: ProviderRegistry): Promise<EndpointPreflight> {
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const base = { name: endpoint.name, kind: endpoint.kind, url: endpoint.address, certificate: null, version: null, nodes: [] };
  let target: ReturnType<typeof endpointTarget>;
  try {
    target = endpointTarget(endpoint);
  } catch (cause) {
    return { ...base, checks: [check('reachable', 'blocker', errorWords(toAppError(cause))), ...skipAll(order.slice(1), notChecked(text('preflight.reason.addressUnusable')))] };
  }
  const provider = providers.forKind(endpoint.kind);
  if (provider?.installsEndpoint?.(endpoint, plan)) {
    // The plan installs it (CloudTower on SMTX OS): not answering yet is expected, not a blocker.
    return { ...base, url: target.url, checks: skipAll(order, text('preflight.installedByPlan', { name: endpoint.name })) };
  }
  if (options.lab && !provider) {
    // A rehearsal points only the endpoints it deploys onto at the lab: this one still names the customer's address.
    return { ...base, url: target.url, checks: skipAll(order, noProvider(endpoint, providers, true)) };
  }
  const signal = options.signal ?? new AbortController().signal;
  const probe = options.probe ?? probeTcp;
  const needs = endpointNeeds(plan, endpoint.name);
  const ips = checkIps(needs.ips, { lab: options.lab, probe, ports: options.ipPorts ?? [22, 3389], timeoutMs: timeouts.ipProbeMs, parallel: 16, signal });
  const where = hostPort(target.host, target.port);
  const result: EndpointPreflight = { ...base, url: target.url, checks: [] };
  if (provider && endpoint.jumpHost && !options.lab) {
    // Only the jump host reaches the API: the provider checks it through its tunnel, nothing is probed directly.
    const found = await provider.preflight({ endpoint, plan, needs, trust: options.trust, timeoutMs: timeouts.apiMs, signal });
    const own = new Set(found.checks.map((entry) => entry.id));
    const notProbed = (id: PreflightCheckId): PreflightCheck[] => (own.has(id) ? [] : [check(id, 'skipped', text('preflight.reachable.viaJump', { jump: endpoint.jumpHost ?? '' }))]);
    result.checks.push(...notProbed('reachable'), ...notProbed('tls'), ...found.checks, await ips);
    result.checks.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return { ...result, certificate: found.certificate ?? null, version: found.version, nodes: found.nodes };
  }
  const connected = await probe(target.host, target.port, timeouts.connectMs, signal);
  if (connected.state === 'closed') {
    result.checks.push(check('reachable', 'blocker', text('preflight.reachable.closed', { where, reason: connected.text ?? connected.message }), connected.code));
    result.checks.push(...skipAll(['tls', ...apiChecks], notChecked(text('preflight.reason.unreachable', { where }))));
  } else {
    result.checks.push(check('reachable', 'ok', text('preflight.reachable.ok', { where })));
    // An Address written http://... is plain HTTP (Keystone on an internal network often is): there is no certificate to check.
    const plainHttp = /^http:\/\//i.test(endpoint.address.trim());
    const tls = plainHttp ? { check: check('tls', 'skipped', text('preflight.tls.plainHttp', { where })), certificate: null } : await checkTls(endpoint, target, options.trust, timeouts.tlsMs, signal);
    result.checks.push(tls.check);
    result.certificate = tls.certificate;
    if (!provider) {
      result.checks.push(...skipAll(apiChecks, noProvider(endpoint, providers)));
    } else if (!plainHttp && !tls.certificate?.trusted) {
      result.checks.push(...skipAll(apiChecks, notChecked(text('preflight.reason.untrusted'))));
    } else {
      const found = await provider.preflight({ endpoint, plan, needs, trust: options.trust, timeoutMs: timeouts.apiMs, signal });
      // A provider's own `tls` verdict (OpenStack's services beyond Keystone) replaces the address's, and so does the certificate it asks about.
      const ownTls = found.checks.find((entry) => entry.id === 'tls');
      if (ownTls) result.checks.splice(result.checks.indexOf(tls.check), 1, ownTls);
      if (found.certificate) result.certificate = found.certificate;
      result.checks.push(...found.checks.filter((entry) => entry !== ownTls));
      result.version = found.version;
      result.nodes = found.nodes;
    }
  }
  result.checks.push(await ips);
  return result;
}

/** A last line of defence: an endpoint whose checks threw still gets a report, never a failed call. */
async function guarded(plan: Plan, endpoint: Endpoint, options: PreflightOptions, providers: ProviderRegistry): Promise<EndpointPreflight> {
  try {
    return await checkEndpoint(plan, endpoint, options, providers);
  } catch (cause) {
    const error = toAppError(cause);
    return {
      name: endpoint.name,
      kind: endpoint.kind,
      url: endpoint.address,
      checks: [check('reachable', 'blocker', text('preflight.stopped', { name: endpoint.name, error: errorWords(error) }), error.detail ?? null), ...skipAll(order.slice(1), text('preflight.skip'))],
      certificate: null,
      version: null,
      nodes: [],
    };
  }
}

/**
 * Checks every endpoint of the plan (or the one named), in parallel. Each
 * endpoint gets all eight checks in a fixed order; a check that cannot run
 * because an earlier one failed says so as 'skipped'. Endpoint problems are
 * reported, never thrown; an unknown endpoint name is 'not_found'.
 */
export async function runPreflight(plan: Plan, options: PreflightOptions): Promise<EndpointPreflight[]> {
  let endpoints = plan.endpoints;
  if (options.endpoint !== undefined) {
    endpoints = endpoints.filter((endpoint) => endpoint.name === options.endpoint);
    if (endpoints.length === 0) {
      const names = plan.endpoints.map((e) => e.name).join(', ');
      fail('not_found', text('preflight.unknownEndpoint', { name: options.endpoint }), { hint: text('preflight.itsEndpoints', { names: names || text('preflight.none') }) });
    }
  }
  const providers = options.providers ?? createProviderRegistry();
  return Promise.all(endpoints.map((endpoint) => guarded(plan, endpoint, options, providers)));
}
