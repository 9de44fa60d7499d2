import type { ParallelLimit } from '../../../../../shared/contract/wizardChannels';
import { useLocale, useT } from '../../../i18n';
import { formatCount } from '../../../../../shared/format';
import type { PlanGraph } from './reviewStore';

type T = ReturnType<typeof useT>;

/** Where a limit applies, in words; a node or storage the step finds when it runs says so. */
function whereOf(t: T, limit: ParallelLimit): string {
  if (limit.per === 'datastore') return limit.storage ? t('parallel.datastore', { storage: limit.storage }) : t('parallel.templateDatastore');
  const node = limit.node ? t('parallel.node', { node: limit.node }) : t('parallel.chosenNode');
  if (limit.per === 'node') return node;
  return limit.storage ? t('parallel.nodeStorage', { node, storage: limit.storage }) : t('parallel.templateStorage', { node });
}

const workKey = { clone: 'parallel.clone', upload: 'parallel.upload', task: 'parallel.task' } as const;

/** The run's concurrency, then each platform limit its steps keep, per endpoint (from the providers, the same numbers the run uses). */
export function Parallel({ parallel }: { parallel: PlanGraph['parallel'] }) {
  const t = useT();
  const locale = useLocale();
  const endpoints = [...new Set(parallel.limits.map((limit) => limit.endpoint))];
  return (
    <section className="panel" aria-labelledby="parallel-title" data-testid="parallel" data-concurrency={parallel.concurrency}>
      <h2 id="parallel-title">{t('parallel.title')}</h2>
      <p>{t('parallel.overall', { count: formatCount(parallel.concurrency, locale) })}</p>
      {endpoints.length === 0 && <p className="muted">{t('parallel.none')}</p>}
      {endpoints.map((endpoint) => (
        <div key={endpoint} className="parallel__endpoint" data-testid="parallel-endpoint" data-endpoint={endpoint}>
          <h3>{endpoint}</h3>
          <ul>
            {parallel.limits
              .filter((limit) => limit.endpoint === endpoint)
              .map((limit) => (
                <li
                  key={`${limit.work}|${limit.per}|${limit.node}|${limit.storage}`}
                  data-testid="parallel-limit"
                  data-work={limit.work}
                  data-limit={limit.limit}
                  data-node={limit.node ?? ''}
                  data-storage={limit.storage ?? ''}
                >
                  {t(workKey[limit.work], { limit: formatCount(limit.limit, locale), where: whereOf(t, limit) })}{' '}
                  <small className="muted">{t('parallel.stepCount', { count: formatCount(limit.steps.length, locale) })}</small>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
