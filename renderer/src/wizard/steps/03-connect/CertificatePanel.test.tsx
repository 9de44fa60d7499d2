// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Certificate, EndpointPreflight } from '../../../../../shared/contract/wizardChannels';
import { installFakeBridge, type FakeBridge } from '../../../api/testBridge';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { CertificatePanel } from './CertificatePanel';
import { usePreflightStore } from './preflightStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const oldPrint = Array.from({ length: 32 }, () => 'AA').join(':');
const newPrint = `${Array.from({ length: 30 }, () => 'BB').join(':')}:C0:DE`;
const base: Certificate = {
  host: 'pve1.lab',
  port: 8006,
  subject: 'CN=pve1',
  issuer: 'CN=Corp CA',
  fingerprint: newPrint,
  validFrom: '2025-01-01',
  validTo: '2035-01-01',
  trusted: false,
  trust: { status: 'unknown' },
  caValid: true,
};
const changed: Certificate = { ...base, trust: { status: 'changed', pinned: [oldPrint] } };
const endpointWith = (certificate: Certificate): EndpointPreflight => ({
  name: 'pve1',
  kind: 'proxmox',
  url: 'https://pve1.lab:8006',
  checks: [{ id: 'tls', status: 'blocker', message: 'blocked', detail: null }],
  certificate,
  version: null,
  nodes: [],
});

const initial = usePreflightStore.getState();
let bridge: FakeBridge;
let root: Root;
let container: HTMLDivElement;

async function show(certificate: Certificate) {
  usePreflightStore.setState({ key: '7:false', status: 'done', endpoints: [endpointWith(certificate)] });
  await act(() => root.render(<CertificatePanel endpointName="pve1" certificate={certificate} />));
}

beforeEach(() => {
  usePreflightStore.setState(initial, true);
  useWorkbookStore.setState({ path: '/plans/site.xlsx', lab: false, importId: 7, status: 'imported' });
  bridge = installFakeBridge({
    'trust:accept': () => ({}),
    'trust:replace': (request) => ({ id: 1, at: 1, action: 'replaced', kind: 'tls', host: request.host, port: request.port, removed: [oldPrint], added: newPrint }),
    'preflight:run': () => ({ endpoints: [], jumpHosts: [] }),
  });
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const buttons = () => [...container.querySelectorAll('button')];
const fingerprintText = (id: string) => [...container.querySelectorAll(`[data-testid="${id}"]`)].map((element) => element.textContent);
const joined = (print: string) => print.split(':').reduce((lines, byte, index) => lines + (index % 8 === 0 ? '' : ':') + byte, '');

function typeInto(input: HTMLInputElement, text: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('the certificate panel', () => {
  it('offers Trust for an unknown certificate and says a CA signed it, as information', async () => {
    await show(base);
    expect(byTestId('cert-trust')?.getAttribute('aria-label')).toBe('Trust the certificate of pve1');
    expect(container.textContent).toContain('A certificate authority this computer trusts signed it');
    await act(async () => byTestId('cert-trust')!.click());
    expect(bridge.callsTo('trust:accept')).toHaveLength(1);
  });

  it('names every service that presented a certificate, and one Trust pins it for each of them', async () => {
    const services = [
      { service: 'compute', host: 'head', port: 8774 },
      { service: 'network', host: 'head', port: 9696 },
    ];
    await show({ ...base, host: 'head', port: 8774, services });
    expect([...byTestId('cert-services')!.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['compute at head:8774', 'network at head:9696']);
    expect(container.textContent).toContain('Trusting it pins it for every one of them');
    await act(async () => byTestId('cert-trust')!.click());
    expect(bridge.callsTo('trust:accept').map((request) => `${request.host}:${request.port}`)).toEqual(['head:8774', 'head:9696']);
  });

  it('shows the SHA-1 thumbprint next to the SHA-256 fingerprint, to compare with what vCenter shows', async () => {
    const thumbprint = Array.from({ length: 20 }, () => '2C').join(':');
    await show({ ...base, sha1Fingerprint: thumbprint });
    expect(fingerprintText('fingerprint')).toEqual([joined(newPrint)]);
    expect(fingerprintText('sha1-fingerprint')).toEqual([joined(thumbprint)]);
    expect(container.textContent).toContain('SHA-1 thumbprint');
  });

  it('says plainly that a pinned certificate changed, shows old and new, and offers no Trust button', async () => {
    await show(changed);
    expect(container.querySelector('h3')?.textContent).toBe('The certificate at pve1.lab:8006 changed');
    expect(fingerprintText('pinned-fingerprint')).toEqual([joined(oldPrint)]);
    expect(fingerprintText('fingerprint')).toEqual([joined(newPrint)]);
    expect(byTestId('cert-trust')).toBeNull();
    expect(buttons().map((button) => button.textContent)).toEqual(['Replace the pin…']);
  });

  it('replaces the pin only once the host name or the last four hex digits are typed', async () => {
    await show(changed);
    await act(async () => byTestId('cert-replace-open')!.click());
    const input = byTestId('cert-replace-confirm') as HTMLInputElement;
    const submit = byTestId('cert-replace-submit') as HTMLButtonElement;
    expect(container.querySelector(`label[for="${input.id}"]`)?.textContent).toContain('pve1.lab');
    expect(container.querySelector(`label[for="${input.id}"]`)?.textContent).toContain('C0DE');
    expect(submit.disabled).toBe(true);
    for (const wrong of ['yes', 'pve1', 'AAAA']) {
      await act(async () => typeInto(input, wrong));
      expect(submit.disabled).toBe(true);
      await act(async () => (byTestId('cert-replace') as HTMLFormElement).requestSubmit());
    }
    expect(bridge.callsTo('trust:replace')).toEqual([]);

    await act(async () => typeInto(input, 'c0de'));
    expect(submit.disabled).toBe(false);
    await act(async () => submit.click());
    expect(bridge.callsTo('trust:replace')).toEqual([{ kind: 'tls', host: 'pve1.lab', port: 8006, fingerprint: newPrint, subject: 'CN=pve1', confirmation: 'c0de' }]);
    expect(bridge.callsTo('trust:accept')).toEqual([]);
    expect(bridge.callsTo('preflight:run').at(-1)).toMatchObject({ endpoint: 'pve1' });
  });

  it('offers neither Trust nor Replace for a certificate that is not the one the workbook names', async () => {
    await show({ ...base, trust: { status: 'unexpected', expected: [oldPrint] } });
    expect(container.querySelector('h3')?.textContent).toContain('not the one the workbook names');
    expect(fingerprintText('expected-fingerprint')).toEqual([joined(oldPrint)]);
    expect(buttons()).toEqual([]);
  });
});
