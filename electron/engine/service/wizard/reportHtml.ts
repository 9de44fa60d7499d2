import type { AppError } from '../../../../shared/errors';
import { engineText, type EngineTextKey } from '../../../../shared/i18n/engineText';
import { resultFieldLabel } from '../../../../shared/i18n/resultFields';
import type { Lang } from '../../../../shared/plan/findingCodes';
import { stateWord } from '../../../../shared/i18n/stateWord';
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
  /** The last warnings and errors of the log, oldest first, already in `lang`. */
  problems: LogLine[];
  /** The report's language: its own words, step titles, errors and Rackpilot's log lines. */
  lang?: Lang;
}

type Say = (key: EngineTextKey, params?: Readonly<Record<string, string | number>>) => string;

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

function itemsTable(items: ResultItem[], say: Say, lang: Lang): string {
  if (items.length === 0) return `<p class="muted">${escapeHtml(say('report.noItems'))}</p>`;
  const rows = items.map((item) => {
    const ids = Object.entries(item.createdIds).map(([key, value]) => `${resultFieldLabel(lang, key)}: ${value}`).join(', ');
    return `<tr>${cell(item.kind === 'vm' ? 'VM' : say('report.kind.image'))}${cell(item.name)}${cell(item.target)}${cell(stateWord(item.status, lang), item.status)}${cell(ids || '—')}${cell(item.ips.join(', ') || '—')}${cell(formatDuration(item.durationMs))}${cell(item.error ?? '')}</tr>`;
  });
  const heads = ['report.col.kind', 'report.col.name', 'report.col.target', 'report.col.status', 'report.col.ids', null, 'report.col.duration', 'report.col.error'] as const;
  return `<table><thead><tr>${heads.map((key) => `<th>${escapeHtml(key ? say(key) : 'IP')}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function failedList(failed: ReportData['failedSteps'], say: Say): string {
  if (failed.length === 0) return `<p class="muted">${escapeHtml(say('report.noFailed'))}</p>`;
  return failed
    .map(({ id, title, target, error }) => {
      const parts = [error?.title ?? say('report.noMessage'), error?.hint, error?.detail].filter((part): part is string => !!part);
      const where = error?.cell ? ` — ${say('report.cell', { cell: `${error.cell.sheet}!${error.cell.cell}` })}` : '';
      return `<h3>${escapeHtml(title)} <span class="muted">(${escapeHtml(target)}; <code>${escapeHtml(id)}</code>)${escapeHtml(where)}</span></h3>${parts.map((part) => `<pre>${escapeHtml(part)}</pre>`).join('')}`;
    })
    .join('');
}

function problemsTable(lines: LogLine[], say: Say): string {
  if (lines.length === 0) return `<p class="muted">${escapeHtml(say('report.noProblems'))}</p>`;
  const rows = lines.map((line) => `<tr>${cell(formatTime(line.at))}${cell(line.level, line.level === 'error' ? 'failed' : '')}${cell(line.stepId ?? '—')}<td><pre>${escapeHtml(line.text)}</pre></td></tr>`);
  const heads = ['report.col.time', 'report.col.level', 'report.col.step', 'report.col.message'] as const;
  return `<table><thead><tr>${heads.map((key) => `<th>${escapeHtml(say(key))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A self-contained page: inline CSS, no scripts (the CSP forbids them too), every value escaped. */
export function renderReport(data: ReportData): string {
  const lang = data.lang ?? 'en';
  const say: Say = (key, params) => engineText(lang, key, params);
  const created = data.items.filter((item) => item.status === 'succeeded' && (item.kind === 'vm' || item.kind === 'image')).length;
  const total = Object.values(data.counts).reduce((sum, count) => sum + count, 0);
  const duration = data.startedAt !== null && data.endedAt !== null ? data.endedAt - data.startedAt : null;
  const card = (label: string, value: string) => `<div class="card"><b>${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(say('report.title', { name: data.planName }))}</title><style>${css}</style></head>
<body>
<h1>${escapeHtml(data.planName)}</h1>
<p class="muted">${escapeHtml(say('report.run', { run: '\u0000', environment: data.environment })).replace('\u0000', `<code>${escapeHtml(data.runId)}</code>`)} · <span class="state ${escapeHtml(data.state)}">${escapeHtml(stateWord(data.state, lang))}</span> · ${escapeHtml(say('report.generated', { time: formatTime(data.generatedAt) }))}</p>
<h2>${escapeHtml(say('report.summary'))}</h2>
<p data-outcome>${escapeHtml(describeOutcome({ environment: data.environment, stepCounts: data.counts }, lang))}</p>
<div class="cards">${card(say('report.card.created'), String(created))}${card(say('report.card.adopted'), String(data.counts.adopted ?? 0))}${card(say('report.card.failed'), String(data.counts.failed ?? 0))}${card(say('report.card.skipped'), String(data.counts.skipped ?? 0))}${card(say('report.card.total'), String(total))}${card(say('report.card.duration'), formatDuration(duration))}</div>
<table><tbody>
<tr><th>${escapeHtml(say('report.createdAt'))}</th>${cell(formatTime(data.createdAt))}</tr>
<tr><th>${escapeHtml(say('report.startedAt'))}</th>${cell(formatTime(data.startedAt))}</tr>
<tr><th>${escapeHtml(say('report.endedAt'))}</th>${cell(formatTime(data.endedAt))}</tr>
<tr><th>${escapeHtml(say('report.steps'))}</th>${cell(Object.entries(data.counts).filter(([, count]) => count > 0).map(([state, count]) => `${stateWord(state, lang)}: ${count}`).join(', ') || say('preflight.none'))}</tr>
</tbody></table>
<h2>${escapeHtml(say('report.items'))}</h2>
${itemsTable(data.items, say, lang)}
<h2>${escapeHtml(say('report.failedSteps'))}</h2>
${failedList(data.failedSteps, say)}
<h2>${escapeHtml(say('report.problems'))}</h2>
${problemsTable(data.problems, say)}
</body></html>
`;
}
