import type { PlanGraph } from './reviewStore';
import { useLocale, useT } from '../../../i18n';
import { formatBytes, formatCount, formatDuration } from '../../../../../shared/format';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** Whole minutes past a minute: an estimate in seconds claims a precision it does not have. */
function formatEstimate(seconds: number, locale: string): string {
  return formatDuration((seconds < 60 ? seconds : Math.round(seconds / 60) * 60) * 1000, locale);
}

export function Totals({ totals }: { totals: PlanGraph['totals'] }) {
  const t = useT();
  const locale = useLocale();
  const items = [
    { key: 'vms', label: t('totals.vms'), value: formatCount(totals.vms, locale) },
    { key: 'vcpu', label: t('totals.vcpu'), value: formatCount(totals.vcpu, locale) },
    { key: 'memory', label: t('totals.memory'), value: formatBytes(totals.memoryMiB * MiB, locale) },
    { key: 'disk', label: t('totals.disk'), value: formatBytes(totals.diskGiB * GiB, locale) },
    { key: 'upload', label: t('totals.upload'), value: formatBytes(totals.uploadBytes, locale) },
    { key: 'steps', label: t('totals.steps'), value: formatCount(totals.steps, locale) },
  ];
  const { estimate } = totals;
  const basis = estimate.basis.source === 'history' ? t('totals.basisHistory', { count: estimate.basis.runs }) : t('totals.basisDefaults');
  return (
    <dl className="totals" data-testid="totals" data-vms={totals.vms} data-steps={totals.steps}>
      {items.map((item) => (
        <div key={item.key} data-testid={`total-${item.key}`}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
      <div className="totals__estimate" data-testid="total-duration" data-basis={estimate.basis.source}>
        <dt>{t('totals.duration')}</dt>
        <dd>{t('totals.durationRange', { low: formatEstimate(estimate.lowSeconds, locale), high: formatEstimate(estimate.highSeconds, locale) })}</dd>
        <dd className="totals__basis">{basis}</dd>
      </div>
    </dl>
  );
}
