import { defineTexts } from './types';

/** Rackpilot's own words about the SSH layer and the script step kind: connections, jump hosts, host keys, exec, sudo, SFTP, tunnels. */
export const sshTexts = defineTexts({}, {}, {});
