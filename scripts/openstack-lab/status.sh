#!/bin/bash
# Exit 0 when every process of the lab runs (the doors' state aside), 1 otherwise;
# with -v, says what is missing.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
source "$HERE/lib/nova_neutron.sh" 2>/dev/null
expected="mariadb epmd rabbitmq bastion door-bastion keystone glance-api placement neutron-server nova-conductor nova-scheduler nova-api"
for entry in $OSLAB_ZONES; do expected+=" nova-compute-${entry%%=*}"; done
missing=""
for name in $expected; do running "$name" || missing+=" $name"; done
[ -f "$OSLAB_STATE/lab.json" ] || missing+=" lab.json"
[ -z "$missing" ] && exit 0
[ "${1:-}" = -v ] && echo "not running:$missing"
exit 1
