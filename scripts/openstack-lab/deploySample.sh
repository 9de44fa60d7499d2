#!/bin/bash
# deploySample.sh - deploys assets/sample-plan/sample-openstack.en.xlsx on the OpenStack lab with the CLI,
# the way a field engineer would on a real site: a copy of the workbook pointed at the lab (Keystone URL and
# password, the bastion's address, login and host key, a local disk file for the image, no external network),
# `rackpilot deploy COPY --json`, then the `openstack` CLI lists the servers. --cleanup deletes what it made (sweepSample.sh).
# Needs the lab up (up.sh or ensure.sh) and python3-openpyxl.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
STATE=${OSLAB_STATE:-/tmp/rackpilot-oslab}
WORK=$(mktemp -d)
export RACKPILOT_NETWORK_SCOPE=loopback RACKPILOT_HOME="$WORK/home"
head -c 1048576 /dev/urandom > "$WORK/disk.raw"
/usr/bin/python3 - "$STATE/lab.json" "$REPO/assets/sample-plan/sample-openstack.en.xlsx" "$WORK/sample-openstack-lab.xlsx" <<'PY'
import json, sys, openpyxl
lab = json.load(open(sys.argv[1]))
wb = openpyxl.load_workbook(sys.argv[2])
def put(sheet, values):
    ws = wb[sheet]
    cols = {str(c.value).rstrip(' *'): c.column for c in ws[1] if c.value}
    for header, value in values.items():
        ws.cell(2, cols[header]).value = value
put('Endpoints', {'Address': lab['authUrl'], 'Password': lab['admin']['password']})
b = lab['bastion']
put('Jump hosts', {'Address': b['host'], 'User': b['username'], 'Password': b['password'], 'Host key (SHA-256)': b['hostKeyFingerprint']})
put('Images', {'File': 'disk.raw'})
put('Slices', {'External network': None})
wb.save(sys.argv[3])
PY
rc=0
(cd "$REPO" && npx rackpilot deploy "$WORK/sample-openstack-lab.xlsx" --json > "$WORK/events.jsonl") || rc=$?
echo "rackpilot deploy exit $rc (events in $WORK/events.jsonl)"
os() { ip netns exec rposlab bash -c ". $STATE/adminrc; openstack $*"; }
os 'server list --long --name "^mesh4-" -c Name -c Status -c "Availability Zone" -f value'
if [ "${1:-}" = --cleanup ]; then "$HERE/sweepSample.sh"; fi
exit $rc
