export { sshSimulator } from './simulator';
export { startSshLab, fingerprintOf, type SshLab, type SshLabOptions, type SshLabSnapshot } from './server';
export { parsePreparation, type SshPreparation, type GuestUser, type PretendHost } from './preparation';
export type { ExecRecord, ExecOutcome } from './session';
