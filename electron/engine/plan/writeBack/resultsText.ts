import { resultFieldLabel } from '../../../../shared/i18n/resultFields';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { FindingSeverity } from '../../../../shared/plan/findings';
import type { RunState, StepState } from '../../../../shared/runModel';
import type { ResultItemKind } from './types';

/** The header of a field steps record about what they created: the one label map the Report screen and the HTML report use too. */
export function idHeader(lang: Lang, key: string): string {
  return resultFieldLabel(lang, key);
}

/** Words of the Results and Findings sheets, per language. */
export interface ResultsText {
  resultsSheet: string;
  findingsSheet: string;
  resultsTitle: string;
  findingsTitle: string;
  runId: string;
  plan: string;
  state: string;
  started: string;
  ended: string;
  duration: string;
  counts: string;
  source: string;
  columns: { kind: string; name: string; target: string; status: string; ips: string; started: string; ended: string; duration: string; error: string; source: string };
  findingColumns: { severity: string; code: string; cell: string; message: string; hint: string };
  noFindings: string;
  kinds: Record<ResultItemKind, string>;
  runStates: Record<RunState, string>;
  stepStates: Record<StepState, string>;
  severities: Record<FindingSeverity, string>;
  /** Starts the note put on a highlighted cell; also how a later write-back recognises it. */
  notePrefix: string;
}

const en: ResultsText = {
  resultsSheet: 'Results',
  findingsSheet: 'Findings',
  resultsTitle: 'Rackpilot run results',
  findingsTitle: 'Rackpilot findings',
  runId: 'Run ID',
  plan: 'Plan',
  state: 'State',
  started: 'Started (UTC)',
  ended: 'Ended (UTC)',
  duration: 'Duration',
  counts: 'Items',
  source: 'Workbook',
  columns: { kind: 'Kind', name: 'Name', target: 'Target', status: 'Status', ips: 'IP addresses', started: 'Started (UTC)', ended: 'Ended (UTC)', duration: 'Duration', error: 'Error', source: 'Plan row' },
  findingColumns: { severity: 'Severity', code: 'Code', cell: 'Cell', message: 'Message', hint: 'How to fix' },
  noFindings: 'No findings.',
  kinds: { vm: 'VM', image: 'Image', step: 'Step' },
  runStates: { pending: 'pending', running: 'running', paused: 'paused', succeeded: 'succeeded', failed: 'failed', cancelled: 'cancelled', interrupted: 'interrupted', rolling_back: 'rolling back', rolled_back: 'rolled back', rollback_failed: 'rollback incomplete' },
  stepStates: { pending: 'pending', ready: 'ready', running: 'running', retrying: 'retrying', succeeded: 'succeeded', adopted: 'already in place', failed: 'failed', skipped: 'skipped', cancelled: 'cancelled' },
  severities: { error: 'error', warning: 'warning', info: 'info' },
  notePrefix: 'Rackpilot',
};

const zh: ResultsText = {
  resultsSheet: '结果',
  findingsSheet: '检查结果',
  resultsTitle: 'Rackpilot 运行结果',
  findingsTitle: 'Rackpilot 检查结果',
  runId: '运行 ID',
  plan: '规划',
  state: '状态',
  started: '开始时间 (UTC)',
  ended: '结束时间 (UTC)',
  duration: '耗时',
  counts: '项目',
  source: '工作簿',
  columns: { kind: '类别', name: '名称', target: '目标', status: '状态', ips: 'IP 地址', started: '开始时间 (UTC)', ended: '结束时间 (UTC)', duration: '耗时', error: '错误', source: '规划行' },
  findingColumns: { severity: '级别', code: '代码', cell: '单元格', message: '说明', hint: '修改建议' },
  noFindings: '没有检查结果。',
  kinds: { vm: '虚拟机', image: '镜像', step: '步骤' },
  runStates: { pending: '等待中', running: '运行中', paused: '已暂停', succeeded: '成功', failed: '失败', cancelled: '已取消', interrupted: '已中断', rolling_back: '回滚中', rolled_back: '已回滚', rollback_failed: '回滚未完成' },
  stepStates: { pending: '等待中', ready: '就绪', running: '运行中', retrying: '重试中', succeeded: '成功', adopted: '已存在', failed: '失败', skipped: '已跳过', cancelled: '已取消' },
  severities: { error: '错误', warning: '警告', info: '提示' },
  notePrefix: 'Rackpilot',
};

const es: ResultsText = {
  resultsSheet: 'Resultados',
  findingsSheet: 'Hallazgos',
  resultsTitle: 'Resultados de la ejecución de Rackpilot',
  findingsTitle: 'Hallazgos de Rackpilot',
  runId: 'ID de ejecución',
  plan: 'Plan',
  state: 'Estado',
  started: 'Inicio (UTC)',
  ended: 'Fin (UTC)',
  duration: 'Duración',
  counts: 'Elementos',
  source: 'Libro',
  columns: { kind: 'Tipo', name: 'Nombre', target: 'Destino', status: 'Estado', ips: 'Direcciones IP', started: 'Inicio (UTC)', ended: 'Fin (UTC)', duration: 'Duración', error: 'Error', source: 'Fila del plan' },
  findingColumns: { severity: 'Gravedad', code: 'Código', cell: 'Celda', message: 'Mensaje', hint: 'Cómo corregirlo' },
  noFindings: 'Sin hallazgos.',
  kinds: { vm: 'VM', image: 'Imagen', step: 'Paso' },
  runStates: { pending: 'pendiente', running: 'en curso', paused: 'en pausa', succeeded: 'correcta', failed: 'fallida', cancelled: 'cancelada', interrupted: 'interrumpida', rolling_back: 'revirtiendo', rolled_back: 'revertida', rollback_failed: 'reversión incompleta' },
  stepStates: { pending: 'pendiente', ready: 'lista', running: 'en curso', retrying: 'reintentando', succeeded: 'correcto', adopted: 'ya existía', failed: 'fallido', skipped: 'omitido', cancelled: 'cancelado' },
  severities: { error: 'error', warning: 'aviso', info: 'información' },
  notePrefix: 'Rackpilot',
};

export const resultsText: Record<Lang, ResultsText> = { en, zh, es };

/** Added to a sheet name when the user already has a sheet called Results or Findings. */
export const OWN_SHEET_SUFFIX = ' (Rackpilot)';

const ownNames = new Set(
  Object.values(resultsText).flatMap((text) => [text.resultsSheet, text.findingsSheet]).flatMap((name) => [name, `${name}${OWN_SHEET_SUFFIX}`].map((one) => one.toLowerCase())),
);
/** What A1 of those sheets says (the Results title, the Findings' first header), in any language. */
const ownFirstCells = new Set(Object.values(resultsText).flatMap((text) => [text.resultsTitle, text.findingColumns.severity]));

/** A Results or Findings sheet of an earlier write-back, by its name and first cell; a user's own "Results" is not one. */
export function isWriteBackSheet(name: string, firstCell: unknown): boolean {
  return ownNames.has(name.toLowerCase()) && typeof firstCell === 'string' && ownFirstCells.has(firstCell);
}

/** Fill colours (ARGB) by outcome: green, red, amber, grey. */
export const statusFills: Record<'good' | 'bad' | 'busy' | 'idle', string> = {
  good: 'FFC6EFCE',
  bad: 'FFFFC7CE',
  busy: 'FFFFEB9C',
  idle: 'FFE7E6E6',
};

export function stepFill(state: StepState | RunState): string {
  if (state === 'succeeded' || state === 'adopted') return statusFills.good;
  if (state === 'failed' || state === 'interrupted') return statusFills.bad;
  if (state === 'skipped' || state === 'cancelled') return statusFills.idle;
  return statusFills.busy;
}
