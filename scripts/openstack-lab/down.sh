#!/bin/bash
# Stops everything up.sh started, whatever state it is in: the host-side relays, every
# recorded process group, then any process still inside the namespace, then the
# namespace itself. Never fails; leaves nothing running. --purge also removes the state.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
# The doors first, so no new request arrives; then every other group at once (each
# halt waits for its own group), which takes seconds instead of a minute in sequence.
halt door-direct
halt door-bastion
for pidfile in "$RUN_DIR"/*.pid; do
  [ -e "$pidfile" ] && halt "$(basename "$pidfile" .pid)" &
done
wait
# Anything still inside the namespace (a worker that left its group):
if ip netns list 2>/dev/null | grep -qw "$OSLAB_NETNS"; then
  leftovers=$(ip netns pids "$OSLAB_NETNS" 2>/dev/null)
  if [ -n "$leftovers" ]; then
    say "killing leftovers in $OSLAB_NETNS: $leftovers"
    kill -KILL $leftovers 2>/dev/null
  fi
  ip netns del "$OSLAB_NETNS" && say "network namespace $OSLAB_NETNS removed"
fi
if [ "${1:-}" = --purge ]; then rm -rf "$OSLAB_STATE" && say "removed $OSLAB_STATE"; fi
exit 0
