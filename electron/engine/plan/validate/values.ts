import { whereOf, type Plan, type Sourced } from '../../../../shared/plan/model';
import type { FindingParams } from '../../../../shared/plan/findingCodes';
import { normalizeFingerprint, normalizeSha256 } from '../formats';
import type { ValidationContext } from './context';

/*
 * Ranges and formats of single values. Types were checked when the cells
 * were read; these are the limits the platforms put on them.
 */

function range<T>(context: ValidationContext, list: 'endpoints' | 'jumpHosts' | 'vms' | 'scripts', entity: Sourced<T>, field: keyof T & string, min: number, max: number): void {
  const value = entity[field] as unknown;
  if (typeof value !== 'number' || (entity.src[field] === undefined && value === 0)) return;
  if (value < min || value > max) context.addFor('value.out_of_range', list, entity, field, { value, min, max } satisfies FindingParams);
}

export function checkValues(plan: Plan, context: ValidationContext): void {
  for (const endpoint of plan.endpoints) {
    range(context, 'endpoints', endpoint, 'port', 1, 65535);
    if (endpoint.tlsFingerprint !== null && normalizeFingerprint(endpoint.tlsFingerprint) !== endpoint.tlsFingerprint) {
      context.addFor('fingerprint.invalid', 'endpoints', endpoint, 'tlsFingerprint');
    }
    if (endpoint.address === '') context.addFor('value.required', 'endpoints', endpoint, 'address');
  }
  for (const jumpHost of plan.jumpHosts) {
    range(context, 'jumpHosts', jumpHost, 'port', 1, 65535);
    if (jumpHost.address === '') context.addFor('value.required', 'jumpHosts', jumpHost, 'address');
  }
  for (const network of plan.networks) {
    if (network.vlan < 0 || network.vlan > 4094 || !Number.isInteger(network.vlan)) {
      context.add('vlan.out_of_range', whereOf(network, 'vlan'), { value: network.vlan });
    }
  }
  for (const image of plan.images) {
    if (image.sha256 !== null && normalizeSha256(image.sha256) !== image.sha256) context.addFor('sha256.invalid', 'images', image, 'sha256');
    if (image.kind === 'iso' && image.file === null) context.add('image.no_file', whereOf(image, 'file'), { value: image.name });
  }
  for (const vm of plan.vms) {
    range(context, 'vms', vm, 'vcpu', 1, 512);
    range(context, 'vms', vm, 'memoryMiB', 16, 16 * 1024 * 1024);
    range(context, 'vms', vm, 'diskGiB', 1, 64 * 1024);
  }
  for (const script of plan.scripts) {
    range(context, 'scripts', script, 'timeoutSec', 1, 7 * 24 * 3600);
    if (script.body === null && script.file === null) context.add('script.no_body', whereOf(script, 'body'), { value: script.name });
  }
}
