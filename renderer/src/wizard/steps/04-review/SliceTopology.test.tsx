// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planSlice, type SliceRow } from '../../../../../shared/plan/openstack/slicePlan';
import { useLanguageStore } from '../../../i18n';
import type { SliceView } from '../../../lib/sliceView';
import { Slices } from './SliceTopology';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const row: SliceRow = { name: 'core', endpoint: 'os1', topology: 'ring', nodes: 3, ha: true, cidr: '10.60.0.0/24', managementCidr: '10.61.0.0/24', zones: [] };
const zones = [{ name: 'zone-b', endpoint: 'os1' }, { name: 'zone-a', endpoint: 'os1' }];
const view = (slice = row, vms: Array<{ name: string; slice: string; availabilityZone?: string }> = []): SliceView => ({ ...planSlice(slice, vms, zones), zoneNames: ['zone-a', 'zone-b'], origin: 'Slices!A2:O2' });

let root: Root;
let container: HTMLDivElement;
beforeEach(() => {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  act(() => useLanguageStore.getState().setLanguage('en'));
});

const cells = (table: string) => [...container.querySelectorAll(`[data-testid="${table}"] tbody tr`)].map((tr) => [...tr.children].map((cell) => cell.textContent));

describe('the review’s slices', () => {
  it('draws a ring of three: three nodes, three links, a title and a description naming every link', () => {
    act(() => root.render(<Slices views={[view()]} />));
    const svg = container.querySelector('svg[role="img"]')!;
    const labelled = svg.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(labelled).toEqual(['Topology of slice core', 'Ring of 3 nodes. Links: core-1–core-2, core-2–core-3, core-1–core-3.']);
    expect(svg.querySelectorAll('[data-testid="slice-node"]')).toHaveLength(3);
    expect(svg.querySelectorAll('[data-testid="slice-link"]')).toHaveLength(3);
  });

  it('says the same in a table: each node’s networks with addresses, and its neighbours', () => {
    act(() => root.render(<Slices views={[view()]} />));
    expect(cells('slice-nodes')[0]).toEqual(['1. core-1', 'core-mgmt 10.61.0.10core-link-1-2 10.60.0.1core-link-1-3 10.60.0.17', 'core-2, core-3']);
  });

  it('says which zone each node goes to and why, pinned rows included', () => {
    act(() => root.render(<Slices views={[view({ ...row, nodes: null }, [{ name: 'a', slice: 'core' }, { name: 'b', slice: 'core', availabilityZone: 'zone-a' }, { name: 'c', slice: 'core' }])]} />));
    const zonesTable = cells('slice-zones');
    expect(zonesTable.map(([node, zone]) => `${node}@${zone}`)).toEqual(['a@zone-b', 'b@zone-a', 'c@zone-a']);
    expect(zonesTable[0]![2]).toContain('round-robin over zone-a, zone-b');
    expect(zonesTable[1]![2]).toBe('Its row on the VMs sheet names this zone.');
  });

  it('speaks Chinese, and says a slice it cannot expand points at its row', () => {
    act(() => useLanguageStore.getState().setLanguage('zh'));
    act(() => root.render(<Slices views={[view({ ...row, nodes: 2 })]} />));
    expect(container.querySelector('h2')?.textContent).toBe('切片');
    expect(container.querySelector('[data-testid="slice-invalid"]')?.textContent).toContain('Slices!A2:O2');
    expect(container.querySelector('svg')).toBeNull();
  });

  it('shows nothing for a plan without slices', () => {
    act(() => root.render(<Slices views={[]} />));
    expect(container.innerHTML).toBe('');
  });
});
