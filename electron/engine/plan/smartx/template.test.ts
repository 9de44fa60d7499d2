import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planShapeSchema } from '../../../../shared/plan/model';
import { openWorkbook } from '../workbook';
import { detectSmartx, importSmartx, smartxExtensionOf } from './index';
import { editWorkbook, hasOpenpyxl, TEMPLATE } from './testFixtures/fixtures';

/*
 * The real template SmartX engineers fill in, read from ../shared/reference
 * when this checkout has it (it is never copied into the repository).
 */
const hasTemplate = existsSync(TEMPLATE);

describe.skipIf(!hasTemplate)('the real SmartX template (../shared/reference)', () => {
  it('is detected and imports with no error finding', async () => {
    const wb = await openWorkbook(TEMPLATE, { lang: 'en' });
    expect(detectSmartx(wb)).toBe(true);
    const { plan, findings } = importSmartx(wb, { lang: 'en' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => planShapeSchema.parse(plan)).not.toThrow();
    expect(plan.project.organisation).toBe('八九实验室');
    expect(plan.project.ntpServers).toEqual(['10.0.0.2', 'ntp.c89.fun']);
    expect(plan.project.dnsServers).toEqual(['10.0.0.114', '10.0.0.1']);
    expect(plan.clusters.map((c) => [c.name, c.vip])).toEqual([['CN-BJ-SMTX-Prod-Cls01', '10.0.20.10']]);
    expect(plan.hosts.map((h) => [h.name, h.cluster, h.managementIp])).toEqual(
      [1, 2, 3, 4].map((n) => [`BJ-SMTX-Prod-Node-0${n}`, 'CN-BJ-SMTX-Prod-Cls01', `10.0.20.1${n}`]),
    );
    expect(plan.networks.find((n) => n.name === 'VLAN-1130')).toMatchObject({ vlan: 1130, cidr: '10.1.30.0/24' });
    expect(plan.vms.map((v) => v.name)).toEqual(['cloudtower', 'Observability', 'backup']);
    expect(smartxExtensionOf(plan.extensions)?.clusters[0]?.smtxOsVersion).toBe('6.2.0P4');
    // The template's helper formulas right of the host table (=IF(ISNUMBER(Q3),...)) are not part of the plan.
    expect(findings.filter((f) => f.code === 'formula.unevaluated')).toEqual([]);
    // Its BMC addresses (10.0.19.x) sit outside the IPMI row's subnet: worth a warning, not a stop.
    expect(findings.filter((f) => f.code === 'ip.outside_cidr').every((f) => f.severity === 'warning' && f.cell?.startsWith('E'))).toBe(true);
  });

  describe.skipIf(!hasOpenpyxl())('with required cells emptied', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'rackpilot-smartx-template-'));
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('reports each empty required cell instead of failing', async () => {
      const copy = editWorkbook(TEMPLATE, join(dir, 'blanked.xlsx'), {
        '主机规划!I4': null,
        '主机规划!I19': null,
        '集群管理信息!G3': null,
        '文档描述!C15': null,
      });
      const wb = await openWorkbook(copy, { lang: 'en' });
      const { plan, findings } = importSmartx(wb, { lang: 'en' });
      const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.sheet}!${f.cell}`);
      expect(errors.sort()).toEqual(['secret.missing 集群管理信息!G3', 'value.required 主机规划!I19', 'value.required 主机规划!I4'].sort());
      expect(plan.project.organisation).toBe('SMTX-HCI');
      expect(plan.endpoints.map((e) => e.kind)).toEqual(['cloudtower']);
    });
  });
});
