import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, exec, guestPassword, labForTest } from './sshTestKit';

/* `exec` and the positional parameters, as the SSH layer's sudo wrapper uses them; each case also runs in the machine's bash. */
const cases: Array<[string, string]> = [
  ['"$@" keeps each argument whole', `sh -c 'printf "[%s]" "$@"; echo' sh a 'b c' ''`],
  ['"$@" with no parameters is no argument', `sh -c 'printf "[%s]" x "$@"; echo' sh`],
  ['text around "$@" joins the first and the last', `sh -c 'printf "<%s>" "x$@y"; echo' sh 1 '2 3'`],
  ['$# and $1.. of sh -c', `sh -c 'echo "$# $1 $2 $3"' sh one two`],
  ['$* joins the parameters', `sh -c 'echo "[$*]"' sh a b`],
  ['${@} in braces', `sh -c 'printf "(%s)" "\${@}"; echo' sh p q`],
  ['exec runs argv and its status is the shell\'s', `sh -c 'exec "$@" </dev/null' sh printf '%s|' a 'b c'; echo " $?"`],
  ['nothing after exec runs', `sh -c 'exec false; echo never'; echo $?`],
  ['exec of a missing command ends the shell with 127', `sh -c 'exec no-such-command; echo never' 2>/dev/null; echo $?`],
  ['exec of a script file', `printf 'echo "script $1"\\n' > s.sh; chmod +x s.sh; bash -c 'exec ./s.sh "$@"' sh arg; echo $?`],
];

const work = mkdtempSync(join(tmpdir(), 'rackpilot-shell-exec-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function realBash(command: string): { stdout: string; code: number | null } {
  const result = spawnSync('/bin/bash', ['-c', command], { cwd: work, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: work }, timeout: 10_000 });
  return { stdout: result.stdout, code: result.status };
}

describe('ssh lab shell: exec and "$@"', () => {
  it.each(cases)('%s, as bash does', async (_title, command) => {
    const lab = await labForTest();
    const result = await exec(await connect(lab), command);
    const real = realBash(command);
    expect(real.code).not.toBeNull();
    expect({ stdout: result.stdout, code: result.code }).toEqual(real);
  });

  it('runs the SSH layer\'s sudo wrapper: the password on stdin, then the command with its arguments intact', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const password = guestPassword;
    const result = await exec(client, `sudo -S -k -p '[prompt]' -- sh -c 'exec "$@" </dev/null' sh printf '%s|' "$USER" 'two words'`, { stdin: `${password}\n` });
    expect(result).toMatchObject({ stdout: 'ubuntu|two words|', code: 0 });
    expect(result.stderr).toBe('[prompt]');
    const asRoot = await exec(client, `sudo -S -k -p '' -- sh -c 'exec "$@" </dev/null' sh whoami`, { stdin: `${password}\n` });
    expect(asRoot).toMatchObject({ stdout: 'root\n', code: 0 });
  });
});
