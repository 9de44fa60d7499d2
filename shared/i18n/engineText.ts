import type { Lang } from '../plan/findingCodes';
import { spacedValue } from './chineseSpacing';

/*
 * Text the engine makes that a user reads: step titles, the rehearsal mark
 * of a run's name. The engine stores a key and its parameters next to the
 * English text, and each reader (renderer, CLI, reports, the results
 * workbook) says it in its own language; the English stays as the fallback
 * for runs stored before keys existed.
 */

const en = {
  'step.image.upload': 'Upload {file} to {where}',
  'step.vm.create': 'Create VM {name}',
  'step.demo.prepare': 'Prepare',
  'step.demo.upload': 'Upload image',
  'step.demo.configure': 'Configure',
  'step.demo.report': 'Write report',
  'run.rehearsal': '{name} (lab rehearsal)',
} as const;

export type EngineTextKey = keyof typeof en;
export type EngineTextCatalogue = Readonly<Record<EngineTextKey, string>>;
export type EngineTextParams = Readonly<Record<string, string | number>>;

const zh: EngineTextCatalogue = {
  'step.image.upload': '上传 {file} 到 {where}',
  'step.vm.create': '创建虚拟机 {name}',
  'step.demo.prepare': '准备',
  'step.demo.upload': '上传镜像',
  'step.demo.configure': '配置',
  'step.demo.report': '生成报告',
  'run.rehearsal': '{name}（实验室演练）',
};

const es: EngineTextCatalogue = {
  'step.image.upload': 'Subir {file} a {where}',
  'step.vm.create': 'Crear la VM {name}',
  'step.demo.prepare': 'Preparar',
  'step.demo.upload': 'Subir la imagen',
  'step.demo.configure': 'Configurar',
  'step.demo.report': 'Escribir el informe',
  'run.rehearsal': '{name} (ensayo en el laboratorio)',
};

export const engineTextCatalogues: Readonly<Record<Lang, EngineTextCatalogue>> = { en, zh, es };

export function isEngineTextKey(key: unknown): key is EngineTextKey {
  return typeof key === 'string' && Object.hasOwn(en, key);
}

/** `{name}` placeholders; an unknown one stays visible so a missing parameter is noticed. */
export function engineText(lang: Lang, key: EngineTextKey, params: EngineTextParams = {}): string {
  const template = engineTextCatalogues[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) =>
    Object.hasOwn(params, name) ? spacedValue(template, offset, whole.length, String(params[name])) : whole,
  );
}

/** What a step, a graph step or a result row carries about its title. */
export interface TitledText {
  title: string;
  titleKey?: string | undefined;
  titleParams?: EngineTextParams | undefined;
}

/** The step's title in `lang`; the stored English when it has no key this build knows. */
export function stepTitle(step: TitledText, lang: Lang): string {
  return isEngineTextKey(step.titleKey) ? engineText(lang, step.titleKey, step.titleParams) : step.title;
}

/** A run's name in `lang`: the plan's own name, marked when it is a lab rehearsal. */
export function runName(run: { planName: string; rehearsal?: boolean | undefined }, lang: Lang): string {
  return run.rehearsal ? engineText(lang, 'run.rehearsal', { name: run.planName }) : run.planName;
}

/** Just the title fields of a step, to carry its title somewhere else. */
export function titleFieldsOf(step: TitledText): TitledText {
  return { title: step.title, titleKey: step.titleKey, titleParams: step.titleParams };
}
