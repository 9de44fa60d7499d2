import { describe, expect, it } from 'vitest';
import { redactionMarker } from '../util/redactor';
import { Scrubber, describeBody, redactUrl } from './redaction';

describe('redaction by name', () => {
  it('hides credential fields at any depth, in JSON text, forms and query strings, and keeps settings that merely contain "pass"', () => {
    expect(describeBody({ vm: { cipassword: 'Secr3t!', passthrough: 'on', sshkeys: 'ssh-ed25519 AAAA' } })).toBe(
      `{"vm":{"cipassword":"${redactionMarker}","passthrough":"on","sshkeys":"ssh-ed25519 AAAA"}}`,
    );
    expect(describeBody('{"auth":{"token":"tok-123456"}}')).toBe(`{"auth":{"token":"${redactionMarker}"}}`);
    expect(describeBody('username=root%40pam&password=p%40ss')).toBe(`username=root%40pam&password=${redactionMarker}`);
    expect(redactUrl('https://u:pw@pve:8006/api2/json/x?ticket=T123456&node=pve1')).toBe(`https://pve:8006/api2/json/x?ticket=${redactionMarker}&node=pve1`);
    expect(describeBody(Buffer.alloc(10))).toBe('[10 bytes]');
  });
});

describe('Scrubber', () => {
  it('learns what it hid by name and hides it wherever it shows up later', () => {
    const scrubber = new Scrubber();
    scrubber.headers({ Cookie: 'PVEAuthCookie=PVE:root@pam:ABCDEF::sig', 'X-Trace': 'abc' });
    scrubber.body({ password: 'hunter2-pw', short: 'x' });
    expect(scrubber.redact('echo: PVE:root@pam:ABCDEF::sig and hunter2-pw')).toBe(`echo: ${redactionMarker} and ${redactionMarker}`);
    expect(scrubber.headers({ 'X-Trace': 'abc' })).toBe('{"X-Trace":"abc"}');
  });

  it('does not learn short values that would blank ordinary words', () => {
    const scrubber = new Scrubber();
    scrubber.body({ token: 'true' });
    expect(scrubber.redact('enabled: true')).toBe('enabled: true');
  });
});
