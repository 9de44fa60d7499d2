#!/bin/bash
# Direct access to the lab's APIs from the host, for the tests that do not use the
# bastion: `doors.sh on` relays $OSLAB_HEAD:{5000,8774,9696,9292,8778} into the
# namespace, `doors.sh off` closes them again (the bastion stays), `doors.sh status`
# prints on or off.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
source "$HERE/lib/infra.sh"
case "${1:-status}" in
  on) open_direct_doors ;;
  off) halt door-direct ;;
  status) if running door-direct; then echo on; else echo off; fi ;;
  *) die "usage: doors.sh on|off|status" ;;
esac
