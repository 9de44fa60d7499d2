export { SshSession, SshSessions } from './sessions';
export { SshConnection, chainKey, chainLabel } from './connection';
export { exec, execCollect, buildCommand } from './exec';
export { sftpDownload, sftpUpload, type SftpResult, type SftpTransferOptions, type SftpUploadOptions } from './sftp';
export { waitForPattern, type WaitForPatternOptions } from './waitForPattern';
export { TunnelPool, type TunnelLease, type TunnelPoolOptions, type TunnelRequest, type TunnelState, type TunnelStatus } from './tunnels';
export { decideHostKey, hostKeyFingerprint, normalizeHostKeyFingerprint, HostKeyTrust, type HostKeyDecision } from './hostKey';
export { quoteWord, shellQuote } from './shellQuote';
export type * from './types';
