import { describe, expect, it } from 'vitest';
import { connect, exec, labForTest } from './sshTestKit';

const cases: Array<[string, string, { stdout?: string; stderr?: string; code: number }]> = [
  ['single quotes keep everything', `echo 'a  $USER "b"'`, { stdout: 'a  $USER "b"\n', code: 0 }],
  ['double quotes expand variables and keep spaces', `X='1  2'; echo "[$X] [\${USER}]"`, { stdout: '[1  2] [ubuntu]\n', code: 0 }],
  ['backslash escapes outside and inside double quotes', `echo a\\ b "c\\"d\\$e" \\'`, { stdout: "a b c\"d$e '\n", code: 0 }],
  ['an unset unquoted variable is no argument', 'printf "%s|" a $NOPE b', { stdout: 'a|b|', code: 0 }],
  ['echo -n and -e', `echo -n a; echo -e 'b\\tc'`, { stdout: 'ab\tc\n', code: 0 }],
  ['printf reuses its format', `printf '%s=%d\\n' a 1 b 2`, { stdout: 'a=1\nb=2\n', code: 0 }],
  ['&& and || follow $?', 'false && echo no || echo yes; true || echo no; echo "s=$?"', { stdout: 'yes\ns=0\n', code: 0 }],
  ['$? of a failing command', 'false; echo $?; nope 2>/dev/null; echo $?', { stdout: '1\n127\n', code: 0 }],
  ['newlines separate commands; comments are skipped', '#!/bin/bash\necho one # not this\n\necho two', { stdout: 'one\ntwo\n', code: 0 }],
  ['exit N ends the script with N', 'echo before; exit 3; echo after', { stdout: 'before\n', code: 3 }],
  ['exit wraps at 256', 'exit 258', { code: 2 }],
  ['unknown command', 'frobnicate --now', { stderr: 'bash: frobnicate: command not found\n', code: 127 }],
  ['> and >> into the store, cat reads them', 'echo a > f; echo b >> f; cat f; echo c > f; cat f', { stdout: 'a\nb\nc\n', code: 0 }],
  ['2>&1 after a redirection sends both to the file', 'nope > out 2>&1; cat out', { stdout: 'bash: nope: command not found\n', code: 0 }],
  ['< reads a file as stdin', 'echo hi > in; cat < in', { stdout: 'hi\n', code: 0 }],
  ['< of a missing file names it and skips the command', 'cat < nofile; echo $?', { stdout: '1\n', stderr: 'bash: nofile: No such file or directory\n', code: 0 }],
  ['cat of a missing file', 'cat /etc/none', { stderr: 'cat: /etc/none: No such file or directory\n', code: 1 }],
  ['test and [ ]', 'touch t; [ -f t ] && echo file; test -d t || echo notdir; [ -f missing ]; echo $?; [ a = a ] && echo eq', { stdout: 'file\nnotdir\n1\neq\n', code: 0 }],
  ['[ without ]', '[ -f x', { stderr: "bash: [: missing `]'\n", code: 2 }],
  ['mkdir -p, rm -f, touch', 'mkdir -p /opt/a/b; [ -d /opt/a ] && echo dir; rm -f nothing; touch x; rm x; [ -e x ] || echo gone', { stdout: 'dir\ngone\n', code: 0 }],
  ['rm of a missing file without -f', 'rm nothing', { stderr: "rm: cannot remove 'nothing': No such file or directory\n", code: 1 }],
  ['sh -c runs its argument; exit ends only that shell', `sh -c 'echo inner; exit 5'; echo "outer $?"`, { stdout: 'inner\nouter 5\n', code: 0 }],
  ['bash -c sets $0 and $1', `bash -c 'echo "$0 $1"' name first`, { stdout: 'name first\n', code: 0 }],
  ['a script file run with bash and as ./file after chmod +x', `printf 'echo from file\\n' > s.sh; bash s.sh; ./s.sh; echo $?; chmod +x s.sh; ./s.sh`, { stdout: 'from file\n126\nfrom file\n', stderr: 'bash: ./s.sh: Permission denied\n', code: 0 }],
  ['set -e stops at the first failure', 'set -e; echo a; false; echo b', { stdout: 'a\n', code: 1 }],
  ['set -e spares a command guarded by ||', 'set -e; false || echo saved; echo on', { stdout: 'saved\non\n', code: 0 }],
  ['unterminated quote is a syntax error', `echo 'oops`, { stderr: "bash: unexpected EOF while looking for matching `''\n", code: 2 }],
  ['a pipe says the lab does not simulate it', 'echo a | cat', { stderr: 'bash: a pipe `|\' is not simulated by the lab\n', code: 2 }],
  ['if says the lab does not simulate it', 'if true; then echo; fi', { stderr: "bash: `if' is not simulated by the lab\n", code: 2 }],
  ['hostname and whoami on the lab host', 'hostname; whoami; pwd', { stdout: 'ssh-lab\nubuntu\n/home/ubuntu\n', code: 0 }],
  ['nesting is bounded', `sh -c "sh -c \\"sh -c 'echo deep'\\""`, { stdout: 'deep\n', code: 0 }],
];

describe('ssh lab shell', () => {
  it.each(cases)('%s', async (_title, command, expected) => {
    const lab = await labForTest();
    const result = await exec(await connect(lab), command);
    expect({ code: result.code, ...(expected.stdout !== undefined ? { stdout: result.stdout } : {}), ...(expected.stderr !== undefined ? { stderr: result.stderr } : {}) }).toEqual(expected);
  });

  it('runs a script sent on stdin to bash -s and cat echoes stdin', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    expect(await exec(client, 'bash -s', { stdin: 'echo from stdin\nexit 7\n' })).toMatchObject({ stdout: 'from stdin\n', code: 7 });
    expect(await exec(client, 'cat', { stdin: 'piped bytes' })).toMatchObject({ stdout: 'piped bytes', code: 0 });
  });

  it('limits a recursive script by depth instead of running forever', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const result = await exec(client, `echo 'bash bomb.sh; bash bomb.sh' > bomb.sh; bash bomb.sh`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/maximum nesting level exceeded|more than the lab's \d+ commands/);
    // The simulator lives on.
    expect((await exec(client, 'echo alive')).stdout).toBe('alive\n');
  });

  it('a client signal ends sleep 100 with exit-signal', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const result = await exec(client, 'echo started; sleep 100; echo never', {
      keepStdinOpen: true,
      onChannel: (channel, output) => {
        const poll = setInterval(() => output().includes('started') && (clearInterval(poll), channel.signal('TERM')), 10);
      },
    });
    expect(result).toMatchObject({ stdout: 'started\n', code: null, signal: 'SIGTERM' });
    expect(lab.snapshot().execs.at(-1)?.outcome).toEqual({ signal: 'TERM' });
  });

  it('keeps each host apart: USER@HOST lands on that host with its own files', async () => {
    const lab = await labForTest();
    await exec(await connect(lab, { username: 'ubuntu@web-01' }), 'echo web > marker');
    const db = await connect(lab, { username: 'ubuntu@10.0.0.12' });
    expect(await exec(db, 'hostname; cat marker')).toMatchObject({ stdout: 'db-01\n', code: 1 });
    expect(lab.files('web-01').read('/home/ubuntu/marker').toString()).toBe('web\n');
    await expect(connect(lab, { username: 'ubuntu@elsewhere' })).rejects.toThrow(/authentication methods failed/);
  });

  it('refuses a write beyond the file budget with ENOSPC and lives on', async () => {
    const { startSshLab } = await import('./server');
    const lab = await startSshLab({ fileBudgetBytes: 16 * 1024 });
    try {
      lab.prepare({ users: [{ name: 'ubuntu', password: 'guest-secret' }] });
      const client = await connect(lab);
      const big = 'x'.repeat(12 * 1024);
      const result = await exec(client, `echo ${big} > a; echo ${big} > b; echo "status $?"`);
      expect(result.stderr).toContain('No space left on device');
      expect(result.stdout).toBe('status 1\n');
    } finally {
      await lab.close();
    }
  });
});
