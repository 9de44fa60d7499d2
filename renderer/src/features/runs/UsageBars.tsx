import { useLocale, useT } from '../../i18n';
import { ProgressBar } from '../../ui/ProgressBar';
import { useRunStore } from './runStore';
import { usageFraction, usageText } from './usageText';

/** The platforms' quota use during the run; absent for runs whose platforms send none. */
export function UsageBars() {
  const t = useT();
  const locale = useLocale();
  const usage = useRunStore((state) => state.snapshot?.usage);
  const endpoints = usage ? Object.keys(usage).sort() : [];
  if (!usage || endpoints.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="usage-title" data-testid="run-usage">
      <h2 id="usage-title">{t('usage.title')}</h2>
      {endpoints.map((endpoint) => (
        <div key={endpoint} className="usage__endpoint">
          <h3>{endpoint}</h3>
          {usage[endpoint]!.map((meter) => {
            const text = usageText(meter, t, locale);
            return (
              <div key={meter.id} className="usage__meter">
                <span>{text}</span>
                <ProgressBar fraction={usageFraction(meter)} label={`${endpoint}: ${text}`} valueText={text} tone={meter.quota >= 0 && meter.used >= meter.quota ? 'failed' : 'normal'} testId={`usage-${endpoint}-${meter.id}`} />
              </div>
            );
          })}
        </div>
      ))}
    </section>
  );
}
