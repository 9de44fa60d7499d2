import { describe, expect, it } from 'vitest';
import { findingLangs } from '../../../../shared/plan/findingCodes';
import type { VmArtifact } from '../../providers/proxmox/nodeAttempt';
import { proxmoxProvider } from '../../providers/proxmox/provider';
import type { UploadArtifact } from '../../providers/proxmox/uploadImage';
import { idHeader } from './resultsText';

describe('Results sheet headers', () => {
  it('name every created id the Proxmox steps report, in every language, never as the raw key', () => {
    const vm: VmArtifact = { vmid: 101, node: 'pve1', template: 9000, phase: 'ready' };
    const upload: UploadArtifact = { volid: 'local:iso/a.iso', size: 10, mtimeMs: 1, sha256: 'ab', phase: 'uploaded' };
    const keys = [
      ...Object.keys(proxmoxProvider.resultOf({ id: 'vm.create:web-01', kind: 'proxmox.vm.create', title: '', input: null }, [{ key: 'vm', value: vm }]).createdIds),
      ...Object.keys(proxmoxProvider.resultOf({ id: 'image.upload:p/n/s/a.iso', kind: 'proxmox.image.upload', title: '', input: null }, [{ key: 'upload:n', value: upload }]).createdIds),
    ];
    expect(keys.sort()).toEqual(['node', 'sha256', 'size', 'template', 'vmid', 'volid']);
    for (const lang of findingLangs) for (const key of keys) expect(idHeader(lang, key), `${lang} ${key}`).not.toBe(key);
  });
});
