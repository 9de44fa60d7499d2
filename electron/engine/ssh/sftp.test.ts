import { createHash, randomBytes } from 'node:crypto';
import { chownSync, closeSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import type { TransferProgress } from '../transfer/types';
import { openStore, type RunStore } from '../store';
import { execCollect } from './exec';
import { SshSessions, type SshSession } from './sessions';
import { sftpDownload, sftpUpload } from './sftp';
import { hopTo, openSshSkipReason, startOpenSsh, type OpenSshServer } from './testing/openssh';

const skip = openSshSkipReason();
const fileBytes = 200 * 1024 * 1024 + 12_345;

/** A file of distinct 1 MiB blocks (so a misplaced block changes the digest), and its SHA-256. */
function writeTestFile(path: string, size: number): string {
  const block = randomBytes(1024 * 1024);
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  for (let at = 0, index = 0; at < size; at += block.length, index++) {
    block.writeUInt32BE(index, 0);
    const piece = block.subarray(0, Math.min(block.length, size - at));
    writeSync(fd, piece);
    hash.update(piece);
  }
  closeSync(fd);
  return hash.digest('hex');
}

describe.skipIf(skip)('SFTP against OpenSSH', () => {
  let server: OpenSshServer;
  let store: RunStore;
  let sessions: SshSessions;
  let session: SshSession;
  let local: string;
  let digest: string;
  let remote: string;

  beforeAll(async () => {
    server = await startOpenSsh();
    store = openStore(':memory:');
    store.addPin({ kind: 'ssh', host: server.host, port: server.port, fingerprint: server.hostKeyFingerprint, subject: null }, 1);
    sessions = new SshSessions({ store });
    session = sessions.get([hopTo(server, { password: new Secret(server.password) })]);
    // Outside the test user's folder, so nothing but SFTP writes where the server reads.
    local = join(server.workDir, '..', 'source.bin');
    digest = writeTestFile(local, fileBytes);
    remote = join(server.workDir, 'upload.bin');
  });

  afterAll(async () => {
    sessions?.close();
    store?.close();
    await server?.stop();
  });

  const remoteSha256 = async (): Promise<string> => (await execCollect(session, ['sha256sum', '--', remote])).stdout[0]!.split(' ')[0]!;

  it('uploads a 200 MB file with its SHA-256 computed in the same pass and progress to the last byte', async () => {
    const reports: TransferProgress[] = [];
    const result = await sftpUpload(session, local, remote, { onProgress: (progress) => reports.push(progress) });
    expect(result).toEqual({ size: fileBytes, transferred: fileBytes, resumedFrom: 0, digests: { sha256: digest } });
    expect(await remoteSha256()).toBe(digest);
    expect(reports.at(-1)).toMatchObject({ bytesDone: fileBytes, bytesTotal: fileBytes, etaSeconds: 0 });
    expect(reports.every((report, index) => index === 0 || report.bytesDone >= reports[index - 1]!.bytesDone)).toBe(true);
  });

  it('resumes a partial upload from the size already on the server', async () => {
    const kept = 77 * 1024 * 1024 + 999;
    truncateSync(remote, kept);
    const result = await sftpUpload(session, local, remote, { resume: 'size' });
    expect(result).toEqual({ size: fileBytes, transferred: fileBytes - kept, resumedFrom: kept, digests: { sha256: digest } });
    expect(statSync(remote).size).toBe(fileBytes);
    expect(await remoteSha256()).toBe(digest);
  });

  it('downloads with the same checksum, and names a missing remote file', async () => {
    const small = join(server.workDir, 'small.bin');
    const smallDigest = writeTestFile(small, 3 * 1024 * 1024 + 7);
    const { uid, gid } = statSync(server.workDir);
    chownSync(small, uid, gid);
    const copy = join(server.workDir, '..', 'copy.bin');
    const result = await sftpDownload(session, small, copy, { chunkBytes: 32 * 1024, inFlight: 8 });
    expect(result.digests.sha256).toBe(smallDigest);
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(smallDigest);
    rmSync(copy);
    await expect(sftpDownload(session, join(server.workDir, 'nope.bin'), copy)).rejects.toThrow(/nope\.bin does not exist on/);
  });
});
