#!/bin/bash
# For test runs: makes sure the lab is up, once, however many test processes ask at the
# same moment (they queue on a lock). Prints "reused" when it was already up, or
# "started Ns" after starting it and recording OWNER in $OSLAB_STATE/started-by, so
# that only the run that started the lab stops it (down.sh) when it ends. A lab it starts
# starts empty: the state of an earlier lab on this machine (its database, images, quotas
# and whatever a killed test run left in them) is purged first, which costs ~12 s.
#   ensure.sh OWNER
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
owner=${1:?usage: ensure.sh OWNER}
# Already up: no need to queue (and a lab started before may still hold the lock through its daemons).
if "$HERE/status.sh"; then echo reused; exit 0; fi
mkdir -p "$(dirname "$OSLAB_STATE")"
exec 9> "$OSLAB_STATE.lock"
flock 9
if "$HERE/status.sh"; then echo reused; exit 0; fi
started=$(date +%s)
"$HERE/down.sh" --purge 9>&- > "$OSLAB_STATE.up.log" 2>&1
# 9>&-: the daemons up.sh starts must not inherit the lock, or it is held as long as the lab runs.
"$HERE/up.sh" 9>&- >> "$OSLAB_STATE.up.log" 2>&1 || { tail -30 "$OSLAB_STATE.up.log" >&2; exit 1; }
echo "$owner" > "$OSLAB_STATE/started-by"
echo "started $(( $(date +%s) - started ))s"
