import type { UsageMeterReading } from '../../../../shared/runModel';
import type { Translate } from '../../i18n';

const nameKeys = { instances: 'usage.instances', vcpus: 'usage.vcpus', ramMiB: 'usage.ram' } as const;

/** The engine sends raw MiB; people read RAM in GiB. */
function amount(meter: UsageMeterReading, value: number, locale: string): string {
  if (meter.id !== 'ramMiB') return value.toLocaleString(locale);
  return `${(value / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} GiB`;
}

/** What a bar says: used of quota (-1 = unlimited), and of the hypervisors' total when the account may see it. */
export function usageText(meter: UsageMeterReading, t: Translate, locale: string): string {
  const params = { name: t(nameKeys[meter.id]), used: amount(meter, meter.used, locale) };
  const quota = meter.quota < 0 ? t('usage.noQuota', params) : t('usage.ofQuota', { ...params, quota: amount(meter, meter.quota, locale) });
  return meter.total === null ? quota : `${quota} · ${t('usage.ofTotal', { total: amount(meter, meter.total, locale) })}`;
}

/** How full the bar is: against the quota, or against the hypervisors when the quota is unlimited. */
export function usageFraction(meter: UsageMeterReading): number {
  const limit = meter.quota >= 0 ? meter.quota : meter.total;
  if (limit === null || limit <= 0) return 0;
  return meter.used / limit;
}
