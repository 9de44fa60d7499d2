import { whereOf, type Plan } from '../../../../shared/plan/model';
import type { ValidationContext } from './context';

// tz database names are Area/Location (one or two levels) or a few bare zones.
const tzName = /^(UTC|GMT|[A-Z][A-Za-z_-]+(\/[A-Z0-9][A-Za-z0-9_+-]+){1,2})$/;
const windowsIndex = /^\d{1,3}$/;
const productKey = /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/i;

/** The guest customization columns (time zone, product key) in the form each OS family takes. */
export function checkCustomization(plan: Plan, context: ValidationContext): void {
  for (const vm of plan.vms) {
    const windows = vm.os === 'windows';
    const zone = vm.timeZone?.trim();
    if (zone && !(windows ? windowsIndex : tzName).test(zone)) context.add('timezone.invalid', whereOf(vm, 'timeZone'), { value: zone, os: windows ? 'Windows' : 'Linux' });
    const key = vm.productKey && !vm.productKey.isEmpty ? vm.productKey.reveal().trim() : '';
    if (key && !productKey.test(key)) context.add('productkey.invalid', whereOf(vm, 'productKey'));
  }
}
