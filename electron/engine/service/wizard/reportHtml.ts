import type { AppError } from '../../../../shared/errors';
import type { LogLine, RunState, RunSummary } from '../../../../shared/runModel';
import { describeOutcome } from '../../../../shared/runOutcome';
import type { ResultItem } from '../../plan/writeBack/types';

export interface ReportData {
  runId: string;
  planName: string;
  environment: string;
  state: RunState;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  generatedAt: number;
  /** Steps per state. */
  counts: RunSummary['stepCounts'];
  /** VMs and images, with what the run created. */
  items: ResultItem[];
  failedSteps: Array<{ id: string; title: string; target: string; error: AppError | null }>;
  /** The last warnings and errors of the log, oldest first. */
  problems: LogLine[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

export function formatTime(at: number | null): string {
  return at === null ? '—' : `${new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

// Fits a 1366 px window: long IDs and errors wrap inside their cells instead of widening the page; prints without the dark theme or split rows.
const css = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.muted{color:#57606a}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa;font-weight:600}.cards{display:flex;flex-wrap:wrap;gap:.75rem}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card b{display:block;font-size:1.3rem}.state{font-weight:600;padding:.1rem .45rem;border-radius:4px;background:#eaeef2}
.succeeded,.adopted{color:#116329}.failed{color:#a40e26}.skipped,.cancelled{color:#6e7781}code,pre{font-family:ui-monospace,Consolas,monospace;font-size:12px}
pre{white-space:pre-wrap;word-break:break-word;margin:.2rem 0;background:#f6f8fa;padding:.4rem;border-radius:4px}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}th,td{border-color:#30363d}.card{border-color:#30363d}.state,pre{background:#161b22}.muted{color:#8d96a0}}
@media print{body{margin:0;max-width:none;padding:0;font-size:11px;color:#000;background:#fff}th{background:#eee}th,td{border-color:#ccc}.card{border-color:#ccc}.state,pre{background:#f3f3f3}.muted{color:#444}
thead{display:table-header-group}tr,.card{break-inside:avoid}h2{break-after:avoid}}
`;

const cell = (text: string, className = ''): string => `<td${className ? ` class="${escapeHtml(className)}"` : ''}>${escapeHtml(text)}</td>`;

function itemsTable(items: ResultItem[]): string {
  if (items.length === 0) return '<p class="muted">The run has no VM or image steps.</p>';
  const rows = items.map((item) => {
    const ids = Object.entries(item.createdIds).map(([key, value]) => `${key}=${value}`).join(', ');
    return `<tr>${cell(item.kind === 'vm' ? 'VM' : 'Image')}${cell(item.name)}${cell(item.target)}${cell(item.status, item.status)}${cell(ids || '—')}${cell(item.ips.join(', ') || '—')}${cell(formatDuration(item.durationMs))}${cell(item.error ?? '')}</tr>`;
  });
  return `<table><thead><tr><th>Kind</th><th>Name</th><th>Target</th><th>Status</th><th>Created IDs</th><th>IP</th><th>Duration</th><th>Error</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function failedList(failed: ReportData['failedSteps']): string {
  if (failed.length === 0) return '<p class="muted">No step failed.</p>';
  return failed
    .map(({ id, title, target, error }) => {
      const parts = [error?.title ?? 'Failed without an error message.', error?.hint, error?.detail].filter((part): part is string => !!part);
      const where = error?.cell ? ` — workbook cell ${error.cell.sheet}!${error.cell.cell}` : '';
      return `<h3>${escapeHtml(title)} <span class="muted">(${escapeHtml(target)}; <code>${escapeHtml(id)}</code>)${escapeHtml(where)}</span></h3>${parts.map((part) => `<pre>${escapeHtml(part)}</pre>`).join('')}`;
    })
    .join('');
}

function problemsTable(lines: LogLine[]): string {
  if (lines.length === 0) return '<p class="muted">No warnings or errors in the log.</p>';
  const rows = lines.map((line) => `<tr>${cell(formatTime(line.at))}${cell(line.level, line.level === 'error' ? 'failed' : '')}${cell(line.stepId ?? '—')}<td><pre>${escapeHtml(line.text)}</pre></td></tr>`);
  return `<table><thead><tr><th>Time</th><th>Level</th><th>Step</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A self-contained page: inline CSS, no scripts (the CSP forbids them too), every value escaped. */
export function renderReport(data: ReportData): string {
  const created = data.items.filter((item) => item.status === 'succeeded' && (item.kind === 'vm' || item.kind === 'image')).length;
  const total = Object.values(data.counts).reduce((sum, count) => sum + count, 0);
  const duration = data.startedAt !== null && data.endedAt !== null ? data.endedAt - data.startedAt : null;
  const card = (label: string, value: string) => `<div class="card"><b>${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Rackpilot report — ${data.planName}`)}</title><style>${css}</style></head>
<body>
<h1>${escapeHtml(data.planName)}</h1>
<p class="muted">Run <code>${escapeHtml(data.runId)}</code> on ${escapeHtml(data.environment)} · <span class="state ${escapeHtml(data.state)}">${escapeHtml(data.state)}</span> · report generated ${escapeHtml(formatTime(data.generatedAt))}</p>
<h2>Summary</h2>
<p data-outcome>${escapeHtml(describeOutcome({ environment: data.environment, stepCounts: data.counts }))}</p>
<div class="cards">${card('created', String(created))}${card('steps already done', String(data.counts.adopted ?? 0))}${card('steps failed', String(data.counts.failed ?? 0))}${card('steps skipped', String(data.counts.skipped ?? 0))}${card('steps in all', String(total))}${card('duration', formatDuration(duration))}</div>
<table><tbody>
<tr><th>Created</th>${cell(formatTime(data.createdAt))}</tr>
<tr><th>Started</th>${cell(formatTime(data.startedAt))}</tr>
<tr><th>Ended</th>${cell(formatTime(data.endedAt))}</tr>
<tr><th>Steps</th>${cell(Object.entries(data.counts).filter(([, count]) => count > 0).map(([state, count]) => `${state}: ${count}`).join(', ') || 'none')}</tr>
</tbody></table>
<h2>VMs and images</h2>
${itemsTable(data.items)}
<h2>Failed steps</h2>
${failedList(data.failedSteps)}
<h2>Last warnings and errors</h2>
${problemsTable(data.problems)}
</body></html>
`;
}
