import { z } from 'zod';
import type { RackpilotApi } from '../../../shared/contract/api';
import { appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { readPageToken, socketUrl } from './pageToken';
import { createWebBridge } from './webBridge';

declare global {
  interface Window {
    rackpilot?: RackpilotApi;
  }
}

/** Without a token every request would be refused; say why instead of retrying forever. */
function tokenlessApi(): RackpilotApi {
  const error = appError('auth', text('host.page.noToken'), {
    hint: text('host.page.noTokenHint'),
  });
  return {
    invoke: async () => ({ ok: false, error }),
    on: () => () => {},
  };
}

// zod probes for `new Function` to speed up parsing; the page's CSP forbids
// eval, and the probe would report a CSP violation on every page load.
z.config({ jitless: true });

// The Electron preload sets window.rackpilot before any page script runs; this
// script then does nothing, so the same build serves both shells.
if (!window.rackpilot) {
  const token = readPageToken(document, window.location.search);
  window.rackpilot = token ? createWebBridge({ url: socketUrl(window.location, token) }) : tokenlessApi();
}
