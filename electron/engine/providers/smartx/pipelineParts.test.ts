import { describe, expect, it } from 'vitest';
import { say } from '../../../../shared/i18n/engineText';
import { Secret } from '../../../../shared/plan/secret';
import { smartxCreatedResources } from './createdResources';
import { installerErrorLine, successLine } from './install';
import { createdVmUuid, listOf } from './jobs';
import { phaseReporter } from './phases';
import { passwordProblem } from './prepare';
import { stageKinds } from './steps';

describe('the CloudTower pipeline’s parts', () => {
  it('holds the administrator password to CloudTower’s policy', () => {
    expect(passwordProblem(new Secret('Sample!Tower2026'))).toBeNull();
    const said = (password: Secret | null): string => say('en', passwordProblem(password)!);
    expect(said(new Secret('short1'))).toContain('shorter than 8');
    expect(said(new Secret('lettersonly!'))).toContain('letters and digits');
    expect(said(null)).toContain('shorter than 8');
  });

  it('tells the installer’s error lines from its progress and its success line', () => {
    expect(installerErrorLine.test('ERROR: Install Operation Center Failed: disk too small')).toBe(true);
    expect(installerErrorLine.test('time="…" level=error msg="deploy failed"')).toBe(true);
    expect(installerErrorLine.test('[ERROR] mongo did not start')).toBe(true);
    expect(installerErrorLine.test('checking ERRORS_ALLOWED setting: 0')).toBe(false);
    expect(installerErrorLine.test(successLine)).toBe(false);
  });

  it('finds the VM a creation job made, in SMTX OS’s map or a list', () => {
    expect(createdVmUuid({ resources: { 'u-1': { type: 'KVM_VM', uuid: 'u-1' }, 'v-9': { type: 'VOLUME' } } })).toBe('u-1');
    expect(createdVmUuid({ resources: [{ uuid: 'only' }] })).toBe('only');
    expect(createdVmUuid({ resources: {} })).toBeNull();
    expect(listOf([{ a: 1 }])).toHaveLength(1);
    expect(listOf({ entities: [1, 2] })).toEqual([1, 2]);
    expect(listOf({ images: [3] }, 'images')).toEqual([3]);
    expect(listOf(null)).toEqual([]);
  });

  it('reports a step’s phase with its place and the fraction across its phases', () => {
    const seen: unknown[] = [];
    const report = phaseReporter((progress) => seen.push(progress), ['a', 'b', 'c', 'd']);
    report('c', 0.5);
    expect(seen).toEqual([{ phase: 'c', phaseIndex: 2, phaseCount: 4, fraction: 0.625 }]);
  });

  it('lists what a cancelled run leaves: the image it uploaded and the VM, never an image it reused', () => {
    const input = { cluster: 'cls' };
    const iso = (phase: string) => smartxCreatedResources({ id: 'image.upload:cls/cloudtower-iso', kind: stageKinds.iso, title: '', input }, [{ key: 'iso', value: { phase, imageUuid: 'img-1', name: 'x.iso' } }]);
    expect(iso('uploading')).toEqual([{ stepId: 'image.upload:cls/cloudtower-iso', endpoint: 'cls', kind: 'image', id: 'img-1', name: 'x.iso', node: null }]);
    expect(iso('reused')).toEqual([]);
    const vm = (phase: string) => smartxCreatedResources({ id: 'vm.create:ct', kind: stageKinds.vm, title: '', input }, [{ key: 'vm', value: { phase, uuid: 'vm-1', name: 'ct' } }]);
    expect(vm('agent')).toEqual([expect.objectContaining({ kind: 'vm', id: 'vm-1' })]);
    expect(vm('removed')).toEqual([]);
  });
});
