import { describe, expect, it } from 'vitest';
import { jsonValues } from './openstackLab';

/* How openstackMany splits what one `openstack` shell prints for several commands. */

describe('jsonValues', () => {
  it('returns each pretty-printed document in order, brackets inside strings included', () => {
    const printed = '[\n  {\n    "Name": "a ] [ {",\n    "Note": "say \\"}\\""\n  }\n]\n[]\n{\n  "id": "x"\n}\n';
    expect(jsonValues(printed)).toEqual([[{ Name: 'a ] [ {', Note: 'say "}"' }], [], { id: 'x' }]);
  });

  it('ignores text between documents (a prompt, a warning) and finds nothing in plain text', () => {
    expect(jsonValues('(openstack) [1]\nwarning: slow\n(openstack) {"a": [2]}')).toEqual([[1], { a: [2] }]);
    expect(jsonValues('no output "at [all"')).toEqual([]);
  });
});
