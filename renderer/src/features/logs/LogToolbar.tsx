import { useId, useMemo } from 'react';
import { logLevels, type LogLevel } from '../../../../shared/runModel';
import { useStepTitle, useT } from '../../i18n';
import { useRunStore } from '../runs/runStore';
import { useLogStore } from './logStore';

export function LogToolbar() {
  const t = useT();
  const titleOf = useStepTitle();
  const id = useId();
  const filter = useLogStore((state) => state.filter);
  const setFilter = useLogStore((state) => state.setFilter);
  const stepTargets = useRunStore((state) => state.stepTargets);
  const stepTitles = useRunStore((state) => state.stepTitles);
  const targets = useMemo(() => [...new Set(stepTargets.values())], [stepTargets]);
  const steps = useMemo(
    () => [...stepTitles].filter(([stepId]) => filter.target === null || stepTargets.get(stepId) === filter.target),
    [stepTitles, stepTargets, filter.target],
  );

  return (
    <div className="log-toolbar" role="search">
      <label htmlFor={`${id}-target`}>{t('logs.target')}</label>
      <select
        id={`${id}-target`}
        value={filter.target ?? ''}
        onChange={(event) => {
          const target = event.target.value || null;
          const keepStep = filter.stepId !== null && (target === null || stepTargets.get(filter.stepId) === target);
          setFilter({ target, stepId: keepStep ? filter.stepId : null });
        }}
        data-testid="log-filter-target"
      >
        <option value="">{t('logs.allTargets')}</option>
        {targets.map((target) => (
          <option key={target} value={target}>
            {target}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-step`}>{t('logs.step')}</label>
      <select
        id={`${id}-step`}
        className="log-toolbar__step"
        value={filter.stepId ?? ''}
        onChange={(event) => setFilter({ stepId: event.target.value || null })}
        data-testid="log-filter-step"
      >
        <option value="">{t('logs.allSteps')}</option>
        {steps.map(([stepId, title]) => (
          <option key={stepId} value={stepId}>
            {filter.target === null ? `${stepTargets.get(stepId)} · ${titleOf(title)}` : titleOf(title)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-level`}>{t('logs.level')}</label>
      <select id={`${id}-level`} value={filter.minLevel} onChange={(event) => setFilter({ minLevel: event.target.value as LogLevel })} data-testid="log-filter-level">
        {logLevels.map((level) => (
          <option key={level} value={level}>
            {t(`level.${level}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-search`} className="visually-hidden">
        {t('logs.search')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        className="log-toolbar__search"
        placeholder={t('logs.searchPlaceholder')}
        value={filter.query}
        onChange={(event) => setFilter({ query: event.target.value })}
        data-testid="log-search"
      />
    </div>
  );
}
