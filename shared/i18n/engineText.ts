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
  'step.cloudtower.prepare': 'Prepare the CloudTower deployment on {cluster}',
  'step.cloudtower.iso': 'Upload the CloudTower ISO to {cluster}',
  'step.cloudtower.install': 'Install CloudTower on {name}',
  'step.cloudtower.verify': 'Verify CloudTower at {address}',
  'step.cloudtower.configure': 'Configure CloudTower {name}',
  'step.cloudtower.attach': 'Connect {cluster} to CloudTower',
  'step.cloudtower.output': 'Record the CloudTower results of {name}',
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
  'step.cloudtower.prepare': '准备在 {cluster} 上部署 CloudTower',
  'step.cloudtower.iso': '上传 CloudTower ISO 到 {cluster}',
  'step.cloudtower.install': '在 {name} 上安装 CloudTower',
  'step.cloudtower.verify': '验证 CloudTower {address}',
  'step.cloudtower.configure': '配置 CloudTower {name}',
  'step.cloudtower.attach': '将 {cluster} 关联到 CloudTower',
  'step.cloudtower.output': '记录 CloudTower {name} 的部署结果',
  'run.rehearsal': '{name}（实验室演练）',
};

const es: EngineTextCatalogue = {
  'step.image.upload': 'Subir {file} a {where}',
  'step.vm.create': 'Crear la VM {name}',
  'step.demo.prepare': 'Preparar',
  'step.demo.upload': 'Subir la imagen',
  'step.demo.configure': 'Configurar',
  'step.demo.report': 'Escribir el informe',
  'step.cloudtower.prepare': 'Preparar el despliegue de CloudTower en {cluster}',
  'step.cloudtower.iso': 'Subir la ISO de CloudTower a {cluster}',
  'step.cloudtower.install': 'Instalar CloudTower en {name}',
  'step.cloudtower.verify': 'Comprobar CloudTower en {address}',
  'step.cloudtower.configure': 'Configurar CloudTower {name}',
  'step.cloudtower.attach': 'Conectar {cluster} a CloudTower',
  'step.cloudtower.output': 'Guardar los resultados de CloudTower {name}',
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
