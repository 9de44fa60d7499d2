import './progressBar.css';

interface ProgressBarProps {
  /** 0..1 */
  fraction: number;
  label: string;
  /** Read out instead of the percentage, e.g. "3 of 12 steps". */
  valueText?: string;
  tone?: 'normal' | 'failed' | 'done';
  size?: 'small' | 'large';
  testId?: string;
}

export function ProgressBar({ fraction, label, valueText, tone = 'normal', size = 'small', testId }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * 1000) / 10;
  return (
    <div
      className={`progress progress--${size} progress--${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      <div className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
