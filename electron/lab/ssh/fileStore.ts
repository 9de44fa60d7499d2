import { posix } from 'node:path';

/** Why a file operation failed, in the errno words the shell and SFTP report. */
export class FileStoreError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'ENOSPC' | 'EISDIR' | 'ENOTEMPTY',
    message: string,
  ) {
    super(message);
  }
}

const messages = {
  ENOENT: 'No such file or directory',
  ENOSPC: 'No space left on device',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
} as const;

const fail = (code: keyof typeof messages): never => {
  throw new FileStoreError(code, messages[code]);
};

/** Bytes every host's files may hold together; shared so a hostile script on one host cannot exhaust memory through many. */
export class SpaceBudget {
  private used = 0;
  constructor(readonly limit: number) {}
  take(bytes: number): void {
    if (this.used + bytes > this.limit) fail('ENOSPC');
    this.used += bytes;
  }
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

class MemoryFile {
  private buffer = Buffer.alloc(0);
  size = 0;
  mtime = Date.now();
  mode = 0o644;

  /** Grows by doubling so appends of many small chunks stay linear. */
  private reserve(size: number, budget: SpaceBudget): void {
    if (size <= this.buffer.length) return;
    const capacity = Math.max(size, Math.min(this.buffer.length * 2, size + 16 * 1024 * 1024), 4096);
    budget.take(capacity - this.buffer.length);
    const grown = Buffer.alloc(capacity);
    this.buffer.copy(grown, 0, 0, this.size);
    this.buffer = grown;
  }

  write(offset: number, chunk: Uint8Array, budget: SpaceBudget): void {
    this.reserve(offset + chunk.length, budget);
    if (offset > this.size) this.buffer.fill(0, this.size, offset);
    this.buffer.set(chunk, offset);
    this.size = Math.max(this.size, offset + chunk.length);
    this.mtime = Date.now();
  }

  read(offset: number, length: number): Buffer {
    return Buffer.from(this.buffer.subarray(Math.min(offset, this.size), Math.min(offset + length, this.size)));
  }

  truncate(size: number, budget: SpaceBudget): void {
    if (size > this.size) this.write(size, Buffer.alloc(0), budget);
    this.size = size;
    this.mtime = Date.now();
  }

  release(budget: SpaceBudget): void {
    budget.give(this.buffer.length);
    this.buffer = Buffer.alloc(0);
  }
}

export interface FileStat {
  kind: 'file' | 'directory';
  size: number;
  mtime: number;
  mode: number;
}

/** One host's files, in memory. Directories are implied by the files under them; `mkdir` records empty ones. */
export class FileStore {
  private readonly files = new Map<string, MemoryFile>();
  private readonly directories = new Set<string>(['/', '/tmp', '/root', '/home']);
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(private readonly budget: SpaceBudget) {}

  /** Absolute, normalized; relative paths are taken from `cwd`. */
  static resolve(path: string, cwd: string): string {
    return posix.normalize(posix.isAbsolute(path) ? path : posix.join(cwd, path)).replace(/(.)\/+$/, '$1');
  }

  stat(path: string): FileStat | null {
    const file = this.files.get(path);
    if (file) return { kind: 'file', size: file.size, mtime: file.mtime, mode: file.mode };
    if (this.isDirectory(path)) return { kind: 'directory', size: 4096, mtime: Date.now(), mode: 0o755 };
    return null;
  }

  isDirectory(path: string): boolean {
    if (this.directories.has(path)) return true;
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const name of this.files.keys()) if (name.startsWith(prefix)) return true;
    return false;
  }

  /** Names directly inside a directory. */
  list(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const name of [...this.files.keys(), ...this.directories]) {
      if (name.startsWith(prefix) && name !== path) names.add(name.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }

  read(path: string): Buffer {
    if (this.isDirectory(path) && !this.files.has(path)) fail('EISDIR');
    const file = this.files.get(path) ?? fail('ENOENT');
    return file.read(0, file.size);
  }

  readAt(path: string, offset: number, length: number): Buffer {
    return (this.files.get(path) ?? fail('ENOENT')).read(offset, length);
  }

  private open(path: string): MemoryFile {
    if (this.isDirectory(path) && !this.files.has(path)) fail('EISDIR');
    let file = this.files.get(path);
    if (!file) this.files.set(path, (file = new MemoryFile()));
    return file;
  }

  /** Creates the file if missing; `truncate` empties it (the shell's `>`). */
  create(path: string, truncate: boolean): void {
    const file = this.open(path);
    if (truncate && file.size > 0) file.truncate(0, this.budget);
    this.changed(path);
  }

  append(path: string, chunk: Uint8Array): void {
    const file = this.open(path);
    file.write(file.size, chunk, this.budget);
    this.changed(path);
  }

  writeAt(path: string, offset: number, chunk: Uint8Array): void {
    this.open(path).write(offset, chunk, this.budget);
    this.changed(path);
  }

  truncate(path: string, size: number): void {
    (this.files.get(path) ?? fail('ENOENT')).truncate(size, this.budget);
    this.changed(path);
  }

  touch(path: string): void {
    const file = this.open(path);
    file.mtime = Date.now();
    this.changed(path);
  }

  chmod(path: string, mode: number): void {
    (this.files.get(path) ?? fail('ENOENT')).mode = mode & 0o7777;
  }

  mkdir(path: string): void {
    if (this.files.has(path)) fail('EISDIR');
    for (let dir = path; dir !== '/'; dir = posix.dirname(dir)) this.directories.add(dir);
  }

  /** Removes a file, or with `recursive` a directory and everything under it. */
  remove(path: string, recursive = false): void {
    const file = this.files.get(path);
    if (file) {
      file.release(this.budget);
      this.files.delete(path);
      return this.changed(path);
    }
    if (!this.isDirectory(path)) fail('ENOENT');
    if (!recursive) fail('EISDIR');
    const prefix = `${path}/`;
    for (const [name, inner] of [...this.files]) {
      if (!name.startsWith(prefix)) continue;
      inner.release(this.budget);
      this.files.delete(name);
      this.changed(name);
    }
    for (const dir of this.directories) if (dir === path || dir.startsWith(prefix)) this.directories.delete(dir);
  }

  removeDirectory(path: string): void {
    if (!this.isDirectory(path)) fail('ENOENT');
    if (this.list(path).length > 0) fail('ENOTEMPTY');
    this.directories.delete(path);
  }

  rename(from: string, to: string): void {
    const file = this.files.get(from) ?? fail('ENOENT');
    this.files.get(to)?.release(this.budget);
    this.files.delete(from);
    this.files.set(to, file);
    this.changed(from);
    this.changed(to);
  }

  /** Calls `listener` after each change to `path`; returns the unsubscribe. */
  watch(path: string, listener: () => void): () => void {
    let listeners = this.watchers.get(path);
    if (!listeners) this.watchers.set(path, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.watchers.delete(path);
    };
  }

  private changed(path: string): void {
    for (const listener of [...(this.watchers.get(path) ?? [])]) listener();
  }

  /** Gives back every byte to the budget (reset). */
  clear(): void {
    for (const file of this.files.values()) file.release(this.budget);
    this.files.clear();
  }
}
