import { describe, expect, it } from 'vitest';
import { createdResourceKinds, type CreatedResource } from '../../../../shared/runModel';
import { catalogs, languages, translate } from '../../i18n/translate';
import { resourceText } from './resourceText';

const resource = (kind: CreatedResource['kind']): CreatedResource => ({ stepId: 's', endpoint: 'os-lab', kind, id: 'f00d-42', name: 'mesh4-router', node: null });

describe('the words for what a run leaves behind', () => {
  it('names every kind a step can make, in each language, with its name and where it is', () => {
    for (const lang of languages) {
      const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(catalogs[lang], key, params);
      const lines = createdResourceKinds.map((kind) => resourceText(resource(kind), t));
      for (const line of lines) expect(line, lang).toMatch(/mesh4-router.*os-lab/);
      // Each kind is told apart from the others.
      expect(new Set(lines.map((line) => line.replace(/[^\p{L} ]/gu, '').split(' ')[0])).size, lang).toBe(createdResourceKinds.length);
    }
    const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(catalogs.zh, key, params);
    expect(resourceText(resource('router'), zh)).toBe('路由器 f00d-42（“mesh4-router”），位于 os-lab');
    expect(resourceText({ ...resource('vm'), node: 'az-1' }, zh)).toContain('位于 os-lab/az-1');
  });
});
