// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { readPageToken, socketUrl } from './pageToken';

describe('readPageToken', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it('prefers the meta tag the host injects over the query parameter', () => {
    document.head.innerHTML = '<meta name="rackpilot-token" content="from-meta">';
    expect(readPageToken(document, '?token=from-query')).toBe('from-meta');
  });

  it('falls back to the token query parameter', () => {
    expect(readPageToken(document, '?a=1&token=abc%2Bdef')).toBe('abc+def');
  });

  it('returns null when the page has neither', () => {
    document.head.innerHTML = '<meta name="rackpilot-token" content="  ">';
    expect(readPageToken(document, '?other=1')).toBeNull();
  });
});

describe('socketUrl', () => {
  it('addresses /ws on the page host with the encoded token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }, 'a b')).toBe('ws://127.0.0.1:5000/ws?token=a%20b');
    expect(socketUrl({ protocol: 'https:', host: 'h:1' }, 't')).toBe('wss://h:1/ws?token=t');
  });
});
