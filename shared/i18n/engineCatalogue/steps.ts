import { defineTexts } from './types';

/** Step titles and the rehearsal mark of a run's name. */
export const stepTexts = defineTexts(
  {
    'step.image.upload': 'Upload {file} to {where}',
    'step.vm.create': 'Create VM {name}',
    'step.demo.prepare': 'Prepare',
    'step.demo.upload': 'Upload image',
    'step.demo.configure': 'Configure',
    'step.demo.report': 'Write report',
    'run.rehearsal': '{name} (lab rehearsal)',
    'list.more': '{items} and {more} more',
    'step.script.run': 'Run {script} on {vm}',
    'run.demo': 'Demo ({targets} targets)',
  },
  {
    'step.image.upload': '上传 {file} 到 {where}',
    'step.vm.create': '创建虚拟机 {name}',
    'step.demo.prepare': '准备',
    'step.demo.upload': '上传镜像',
    'step.demo.configure': '配置',
    'step.demo.report': '生成报告',
    'run.rehearsal': '{name}（实验室演练）',
    'list.more': '{items} 等另外 {more} 项',
    'step.script.run': '在 {vm} 上运行 {script}',
    'run.demo': '演示（{targets} 个目标）',
  },
  {
    'step.image.upload': 'Subir {file} a {where}',
    'step.vm.create': 'Crear la VM {name}',
    'step.demo.prepare': 'Preparar',
    'step.demo.upload': 'Subir la imagen',
    'step.demo.configure': 'Configurar',
    'step.demo.report': 'Escribir el informe',
    'run.rehearsal': '{name} (ensayo en el laboratorio)',
    'list.more': '{items} y {more} más',
    'step.script.run': 'Ejecutar {script} en {vm}',
    'run.demo': 'Demostración ({targets} destinos)',
  },
);
