import ssh2, { type Attributes, type SFTPWrapper } from 'ssh2';
import { FileStore, FileStoreError, type FileStat } from './fileStore';
import { homeOf, type SessionContext } from './shell/context';

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

type OpenHandle = { kind: 'file'; path: string; append: boolean } | { kind: 'directory'; path: string; listed: boolean };

const maxHandles = 256;

function attributesOf(stat: FileStat): Attributes {
  const seconds = Math.floor(stat.mtime / 1000);
  return { mode: (stat.kind === 'directory' ? 0o040000 : 0o100000) | stat.mode, uid: 0, gid: 0, size: stat.size, atime: seconds, mtime: seconds };
}

const statusOf = (error: unknown): number =>
  error instanceof FileStoreError ? (error.code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE) : STATUS_CODE.FAILURE;

/**
 * The SFTP subsystem (draft-ietf-secsh-filexfer-02, as OpenSSH's sftp-server
 * serves it) over the session host's in-memory store. Handles are closed with
 * the channel.
 */
export function serveSftp(sftp: SFTPWrapper, context: SessionContext): void {
  const files = context.host.files;
  const home = homeOf(context.account.name);
  const handles = new Map<number, OpenHandle>();
  let nextHandle = 1;
  const resolve = (path: string) => FileStore.resolve(path === '' ? '.' : path, home);

  const open = (reqId: number, handle: OpenHandle) => {
    if (handles.size >= maxHandles) return sftp.status(reqId, STATUS_CODE.FAILURE, 'Too many open handles');
    const id = nextHandle++;
    handles.set(id, handle);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    sftp.handle(reqId, buffer);
  };
  const handleOf = (buffer: Buffer): OpenHandle | undefined => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
  /** Runs one request; a store error becomes its SFTP status, never an exception out of the event. */
  const attempt = (reqId: number, action: () => void) => {
    try {
      action();
    } catch (error) {
      sftp.status(reqId, statusOf(error), error instanceof Error ? error.message : 'Failure');
    }
  };
  const ok = (reqId: number) => sftp.status(reqId, STATUS_CODE.OK);
  const sendStat = (reqId: number, path: string) => {
    const stat = files.stat(path);
    if (!stat) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    sftp.attrs(reqId, attributesOf(stat));
  };
  const applyAttributes = (path: string, attrs: Partial<Attributes>) => {
    if (!files.stat(path)) throw new FileStoreError('ENOENT', 'No such file');
    if (typeof attrs.size === 'number') files.truncate(path, attrs.size);
    if (typeof attrs.mode === 'number' && files.stat(path)?.kind === 'file') files.chmod(path, attrs.mode);
  };

  sftp.on('OPEN', (reqId, filename, flags, attrs) =>
    attempt(reqId, () => {
      const path = resolve(filename);
      const exists = files.stat(path);
      if (exists?.kind === 'directory') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Is a directory');
      if (!exists && !(flags & OPEN_MODE.CREAT)) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');
      if (exists && flags & OPEN_MODE.CREAT && flags & OPEN_MODE.EXCL) return sftp.status(reqId, STATUS_CODE.FAILURE, 'File exists');
      if (flags & OPEN_MODE.WRITE || flags & OPEN_MODE.APPEND) files.create(path, (flags & OPEN_MODE.TRUNC) !== 0);
      if (!exists && typeof attrs?.mode === 'number') files.chmod(path, attrs.mode);
      open(reqId, { kind: 'file', path, append: (flags & OPEN_MODE.APPEND) !== 0 });
    }),
  );
  sftp.on('WRITE', (reqId, handle, offset, data) =>
    attempt(reqId, () => {
      const open = handleOf(handle);
      if (open?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');
      if (open.append) files.append(open.path, data);
      else files.writeAt(open.path, offset, data);
      ok(reqId);
    }),
  );
  sftp.on('READ', (reqId, handle, offset, length) =>
    attempt(reqId, () => {
      const open = handleOf(handle);
      if (open?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');
      const data = files.readAt(open.path, offset, Math.min(length, 256 * 1024));
      if (data.length === 0) return sftp.status(reqId, STATUS_CODE.EOF);
      sftp.data(reqId, data);
    }),
  );
  sftp.on('FSTAT', (reqId, handle) => {
    const open = handleOf(handle);
    if (!open) return sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');
    sendStat(reqId, open.path);
  });
  sftp.on('FSETSTAT', (reqId, handle, attrs) =>
    attempt(reqId, () => {
      const open = handleOf(handle);
      if (!open) return sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');
      applyAttributes(open.path, attrs);
      ok(reqId);
    }),
  );
  sftp.on('CLOSE', (reqId, handle) => {
    if (handle.length !== 4 || !handles.delete(handle.readUInt32BE(0))) return sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');
    ok(reqId);
  });
  sftp.on('STAT', (reqId, path) => sendStat(reqId, resolve(path)));
  sftp.on('LSTAT', (reqId, path) => sendStat(reqId, resolve(path)));
  sftp.on('SETSTAT', (reqId, path, attrs) =>
    attempt(reqId, () => {
      applyAttributes(resolve(path), attrs);
      ok(reqId);
    }),
  );
  sftp.on('REALPATH', (reqId, path) => {
    const absolute = resolve(path);
    sftp.name(reqId, [{ filename: absolute, longname: absolute, attrs: {} as Attributes }]);
  });
  sftp.on('MKDIR', (reqId, path) =>
    attempt(reqId, () => {
      const absolute = resolve(path);
      if (files.stat(absolute)) return sftp.status(reqId, STATUS_CODE.FAILURE, 'File exists');
      files.mkdir(absolute);
      ok(reqId);
    }),
  );
  sftp.on('RMDIR', (reqId, path) =>
    attempt(reqId, () => {
      files.removeDirectory(resolve(path));
      ok(reqId);
    }),
  );
  sftp.on('REMOVE', (reqId, path) =>
    attempt(reqId, () => {
      const absolute = resolve(path);
      if (files.stat(absolute)?.kind === 'directory') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Is a directory');
      files.remove(absolute);
      ok(reqId);
    }),
  );
  sftp.on('RENAME', (reqId, from, to) =>
    attempt(reqId, () => {
      // SFTP v3 rename refuses to replace an existing file (OpenSSH's posix-rename extension would).
      if (files.stat(resolve(to))) return sftp.status(reqId, STATUS_CODE.FAILURE, 'File exists');
      files.rename(resolve(from), resolve(to));
      ok(reqId);
    }),
  );
  sftp.on('OPENDIR', (reqId, path) => {
    const absolute = resolve(path);
    const stat = files.stat(absolute);
    if (!stat) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    if (stat.kind !== 'directory') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Not a directory');
    open(reqId, { kind: 'directory', path: absolute, listed: false });
  });
  sftp.on('READDIR', (reqId, handle) => {
    const open = handleOf(handle);
    if (open?.kind !== 'directory') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Invalid handle');
    const names = open.listed ? [] : files.list(open.path);
    open.listed = true;
    if (names.length === 0) return sftp.status(reqId, STATUS_CODE.EOF);
    const entries = names.map((filename) => {
      const attrs = attributesOf(files.stat(FileStore.resolve(filename, open.path))!);
      return { filename, longname: `${attrs.mode & 0o040000 ? 'd' : '-'}rw-r--r--    1 0 0 ${attrs.size} Jan  1 00:00 ${filename}`, attrs };
    });
    sftp.name(reqId, entries);
  });
  for (const unsupported of ['READLINK', 'SYMLINK'] as const) sftp.on(unsupported, (reqId: number) => sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED, 'Not supported by the lab'));
  sftp.on('error', () => undefined);
  sftp.on('close', () => handles.clear());
}
