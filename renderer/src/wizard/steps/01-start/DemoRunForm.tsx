import { useId, useState, type FormEvent } from 'react';
import { useNavigationStore } from '../../../app/navigationStore';
import { useT, type MessageKey } from '../../../i18n';
import { defaultDemoForm, demoLimits, parseDemoForm, type DemoFormValues, type NumberField } from '../../../lib/demoForm';
import { useStartStore } from './startStore';

const numberFields: { field: NumberField; label: MessageKey; help?: MessageKey }[] = [
  { field: 'targets', label: 'start.targets', help: 'start.targetsHelp' },
  { field: 'stepMs', label: 'start.stepMs', help: 'start.stepMsHelp' },
  { field: 'logLinesPerStep', label: 'start.logLines' },
  { field: 'concurrency', label: 'start.concurrency' },
];

export function DemoRunForm() {
  const t = useT();
  const id = useId();
  const busy = useStartStore((state) => state.busy);
  const startDemo = useStartStore((state) => state.startDemo);
  const navigate = useNavigationStore((state) => state.navigate);
  const [values, setValues] = useState<DemoFormValues>(defaultDemoForm);
  const [invalid, setInvalid] = useState<NumberField[]>([]);

  const update = (change: Partial<DemoFormValues>) => setValues((current) => ({ ...current, ...change }));

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDemoForm(values);
    if (!parsed.ok) {
      setInvalid(parsed.invalid);
      document.getElementById(`${id}-${parsed.invalid[0]}`)?.focus();
      return;
    }
    setInvalid([]);
    const runId = await startDemo(parsed.source, parsed.concurrency);
    if (runId) navigate({ screen: 'deploy', runId });
  }

  return (
    <form className="demo-form" onSubmit={handleSubmit} noValidate data-testid="demo-form">
      {numberFields.map(({ field, label, help }) => {
        const limits = demoLimits[field];
        const isInvalid = invalid.includes(field);
        const describedBy = [help ? `${id}-${field}-help` : '', isInvalid ? `${id}-${field}-error` : ''].filter(Boolean).join(' ');
        return (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{t(label)}</label>
            <input
              id={`${id}-${field}`}
              name={field}
              inputMode="numeric"
              value={values[field]}
              onChange={(event) => update({ [field]: event.target.value })}
              aria-invalid={isInvalid}
              aria-describedby={describedBy || undefined}
              data-testid={`demo-${field}`}
            />
            {help && (
              <small id={`${id}-${field}-help`} className="muted">
                {t(help, limits)}
              </small>
            )}
            {isInvalid && (
              <small id={`${id}-${field}-error`} className="field__error">
                {t('start.invalidNumber', { field: t(label), ...limits })}
              </small>
            )}
          </div>
        );
      })}
      <div className="field field--wide">
        <label htmlFor={`${id}-failStep`}>{t('start.failStep')}</label>
        <input
          id={`${id}-failStep`}
          name="failStep"
          value={values.failStep}
          onChange={(event) => update({ failStep: event.target.value })}
          aria-describedby={`${id}-failStep-help`}
          autoComplete="off"
          spellCheck={false}
          placeholder="demo.upload:vm-02"
          data-testid="demo-failStep"
        />
        <small id={`${id}-failStep-help`} className="muted">
          {t('start.failStepHelp')}
        </small>
      </div>
      <fieldset className="field field--wide" disabled={values.failStep.trim() === ''}>
        <legend>{t('start.failMode')}</legend>
        {(['once', 'always'] as const).map((mode) => (
          <label key={mode} className="radio">
            <input
              type="radio"
              name="failMode"
              value={mode}
              checked={values.failMode === mode}
              onChange={() => update({ failMode: mode })}
              data-testid={`demo-failMode-${mode}`}
            />
            {t(mode === 'once' ? 'start.failOnce' : 'start.failAlways')}
          </label>
        ))}
      </fieldset>
      <div className="field--wide">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="start-demo">
          {busy ? t('start.starting') : t('start.submit')}
        </button>
      </div>
    </form>
  );
}
