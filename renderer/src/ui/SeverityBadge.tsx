import { useT, type MessageKey } from '../i18n';

export type Severity = 'error' | 'warning' | 'info' | 'ok' | 'blocker' | 'skipped';

/* A shape as well as a colour, so the severity reads without colour vision. */
const marks: Record<Severity, { symbol: string; label: MessageKey }> = {
  error: { symbol: '✕', label: 'severity.error' },
  blocker: { symbol: '✕', label: 'severity.blocker' },
  warning: { symbol: '!', label: 'severity.warning' },
  info: { symbol: 'i', label: 'severity.info' },
  ok: { symbol: '✓', label: 'severity.ok' },
  skipped: { symbol: '–', label: 'severity.skipped' },
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const t = useT();
  const { symbol, label } = marks[severity];
  return (
    <span className={`sev sev--${severity}`} data-severity={severity}>
      <span aria-hidden="true">{symbol}</span>
      {t(label)}
    </span>
  );
}
