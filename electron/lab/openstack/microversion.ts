import { novaVersions } from './options';
import { json, type LabReply, type LabRequest } from './http';

/*
 * Nova's microversion negotiation (nova/api/openstack/wsgi.py, api_version_request.py):
 * `OpenStack-API-Version: compute X.Y` or the legacy `X-OpenStack-Nova-API-Version: X.Y`;
 * none means 2.1, `latest` the maximum; outside the range is 406. Every /v2.1 answer
 * says which version it used.
 */

export interface Microversion {
  major: number;
  minor: number;
}

const parse = (text: string): Microversion | null => {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
};
const compare = (a: Microversion, b: Microversion) => a.major - b.major || a.minor - b.minor;
export const atLeast = (version: Microversion, text: string): boolean => compare(version, parse(text)!) >= 0;
const show = (version: Microversion) => `${version.major}.${version.minor}`;

export function versionHeaders(version: Microversion): Record<string, string> {
  return { 'openstack-api-version': `compute ${show(version)}`, 'x-openstack-nova-api-version': show(version), vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version' };
}

/** The version a request asks for, or the 406/400 reply when Nova would refuse it. */
export function negotiate(request: LabRequest): Microversion | LabReply {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const modern = header('openstack-api-version')
    ?.split(',')
    .map((part) => part.trim().split(/\s+/))
    .find(([service]) => service?.toLowerCase() === 'compute')?.[1];
  const asked = modern ?? header('x-openstack-nova-api-version');
  const min = parse(novaVersions.min)!;
  const max = parse(novaVersions.max)!;
  if (asked === undefined) return min;
  if (asked.trim().toLowerCase() === 'latest') return max;
  const version = parse(asked);
  if (!version) return json(400, { computeFault: { code: 400, message: `API Version String ${asked} is of invalid format. Must be of format MajorNum.MinorNum.` } });
  if (compare(version, min) < 0 || compare(version, max) > 0) {
    return json(406, { computeFault: { code: 406, message: `Version ${show(version)} is not supported by the API. Minimum is ${novaVersions.min} and maximum is ${novaVersions.max}.` } }, versionHeaders(version));
  }
  return version;
}

export const novaError = (code: number, key: string, message: string): LabReply => json(code, { [key]: { code, message } });
export const badRequest = (message: string) => novaError(400, 'badRequest', message);
export const notFound = (message: string) => novaError(404, 'itemNotFound', message);
