import { defineTexts } from './types';

/** Rackpilot's own log lines (the platforms' and scripts' output stays as they said it). */
export const logTexts = defineTexts(
  {
    'log.skipped': 'Skipped by the user.',
    'log.adopted': 'Already done (its check found the work in place); adopted, nothing made.',
    'log.retrying': 'Attempt {attempt} failed: {error} Retrying in {delay}.',
    'log.failedAfterOne': 'Failed after 1 attempt: {error}',
    'log.failedAfter': 'Failed after {attempts} attempts: {error}',
    'log.demo.line': '{title}: {target} line {line} of {lines}',
    'log.demo.start': '{title} on {target} (attempt {attempt})',
    'log.demo.failed': '{title} failed as the demo plan asked',
  },
  {
    'log.skipped': '已被用户跳过。',
    'log.adopted': '已完成（检查发现工作已在位）；直接采用，未新建任何内容。',
    'log.retrying': '第 {attempt} 次尝试失败：{error} {delay} 后重试。',
    'log.failedAfterOne': '尝试 1 次后失败：{error}',
    'log.failedAfter': '尝试 {attempts} 次后失败：{error}',
    'log.demo.line': '{title}：{target} 第 {line} 行，共 {lines} 行',
    'log.demo.start': '{title}，目标 {target}（第 {attempt} 次尝试）',
    'log.demo.failed': '{title} 按演示计划的要求失败',
  },
  {
    'log.skipped': 'Omitido por el usuario.',
    'log.adopted': 'Ya hecho (su comprobación encontró el trabajo hecho); adoptado, no se creó nada.',
    'log.retrying': 'El intento {attempt} falló: {error} Se reintenta en {delay}.',
    'log.failedAfterOne': 'Falló tras 1 intento: {error}',
    'log.failedAfter': 'Falló tras {attempts} intentos: {error}',
    'log.demo.line': '{title}: {target} línea {line} de {lines}',
    'log.demo.start': '{title} en {target} (intento {attempt})',
    'log.demo.failed': '{title} falló como pidió el plan de demostración',
  },
);
