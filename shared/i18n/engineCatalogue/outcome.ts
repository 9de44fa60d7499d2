import { defineTexts } from './types';

/** The run outcome sentence of the CLI and the HTML report (what a run did with its steps), and the words around it in `runs`/`report`. */
export const outcomeTexts = defineTexts(
  {
    'outcome.nothingMadeLab': 'Nothing was created: all {total} steps were already done in the lab.',
    'outcome.nothingMadeEndpoints': 'Nothing was created: all {total} steps were already done on the endpoints.',
    'outcome.summary': '{parts}.',
    'outcome.ran': '{ran} of {total} steps ran',
    'outcome.adoptedLab': '{count} already done in the lab',
    'outcome.adoptedEndpoints': '{count} already done on the endpoints',
    'outcome.skipped': '{count} skipped',
    'outcome.failed': '{count} failed',
    'outcome.notRun': '{count} not run',
    'outcome.cli.noRuns': 'No runs yet.',
    'outcome.cli.problems': 'Warnings and errors:',
  },
  {
    'outcome.nothingMadeLab': '未创建任何内容：全部 {total} 个步骤已在实验环境中完成。',
    'outcome.nothingMadeEndpoints': '未创建任何内容：全部 {total} 个步骤已在端点上完成。',
    'outcome.summary': '{parts}。',
    'outcome.ran': '{total} 个步骤中运行了 {ran} 个',
    'outcome.adoptedLab': '{count} 个已在实验环境中完成',
    'outcome.adoptedEndpoints': '{count} 个已在端点上完成',
    'outcome.skipped': '{count} 个已跳过',
    'outcome.failed': '{count} 个失败',
    'outcome.notRun': '{count} 个未运行',
    'outcome.cli.noRuns': '还没有运行记录。',
    'outcome.cli.problems': '警告和错误：',
  },
  {
    'outcome.nothingMadeLab': 'No se creó nada: los {total} pasos ya estaban hechos en el laboratorio.',
    'outcome.nothingMadeEndpoints': 'No se creó nada: los {total} pasos ya estaban hechos en los endpoints.',
    'outcome.summary': '{parts}.',
    'outcome.ran': 'Se ejecutaron {ran} de {total} pasos',
    'outcome.adoptedLab': '{count} ya hechos en el laboratorio',
    'outcome.adoptedEndpoints': '{count} ya hechos en los endpoints',
    'outcome.skipped': '{count} omitidos',
    'outcome.failed': '{count} fallidos',
    'outcome.notRun': '{count} sin ejecutar',
    'outcome.cli.noRuns': 'Todavía no hay ejecuciones.',
    'outcome.cli.problems': 'Advertencias y errores:',
  },
);
