import type { ValueOf } from '../../../../../shared/contract/channels';
import { useT, type MessageKey } from '../../../i18n';

type PlanJson = NonNullable<ValueOf<'plan:import'>['plan']>;

const parts: { key: keyof PlanJson & ('endpoints' | 'networks' | 'images' | 'vms' | 'scripts' | 'jumpHosts'); label: MessageKey }[] = [
  { key: 'endpoints', label: 'plan.endpoints' },
  { key: 'networks', label: 'plan.networks' },
  { key: 'images', label: 'plan.images' },
  { key: 'vms', label: 'plan.vms' },
  { key: 'scripts', label: 'plan.scripts' },
  { key: 'jumpHosts', label: 'plan.jumpHosts' },
];

/** How much of each kind Rackpilot read, so a sheet it missed shows as a zero. */
export function PlanContents({ plan }: { plan: PlanJson }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="plan-contents-title" data-testid="plan-contents">
      <h2 id="plan-contents-title">{t('plan.title')}</h2>
      <ul className="counts">
        {parts.map(({ key, label }) => (
          <li key={key} data-testid={`plan-count-${key}`} data-count={plan[key].length}>
            {t(label)} <strong>{plan[key].length}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
