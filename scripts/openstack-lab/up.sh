#!/bin/bash
# Brings up the OpenStack lab (Debian's OpenStack Zed) behind a bastion:
#
#   host loopback                      network namespace $OSLAB_NETNS ("internal network")
#   127.0.0.1:5821  --relay-->  sshd :22 (bastion) --forwards to--> $OSLAB_HEAD:5000 keystone
#   $OSLAB_HEAD:*   --relay-->  (only with OSLAB_DIRECT=1 or doors.sh on)  :8774 nova  :9696 neutron
#                                                                         :9292 glance :8778 placement
#                                      MariaDB, RabbitMQ on the namespace's 127.0.0.1
#
# Two availability zones, az-1 and az-2, each with one nova-compute (fake driver) host.
# No flavors. Idempotent: what runs already is left alone. Writes $OSLAB_STATE/lab.json
# (addresses, credentials, key file) for the tests. install.sh must have run.
# Env: OSLAB_STATE (/tmp/rackpilot-oslab), OSLAB_DIRECT=1, OSLAB_TOKEN_EXPIRATION (s),
#      OSLAB_ADMIN_PASSWORD, OSLAB_BASTION_PASSWORD, OSLAB_HEAD, OSLAB_NETNS, OSLAB_ZONES.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
source "$HERE/lib/infra.sh"
source "$HERE/lib/openstack.sh"
source "$HERE/lib/nova_neutron.sh"
[ "$(id -u)" = 0 ] || die "the lab makes a network namespace and starts sshd: run it as root"
[ -f "$OSLAB_PASTE_DIR/root/usr/share/nova-common/api-paste.ini" ] || die "run $HERE/install.sh first"
mkdir -p "$RUN_DIR" "$LOG_DIR"

make_namespace
start_mariadb
start_rabbitmq
start_bastion
open_bastion_door
start_keystone
say "keystone ready"
# Glance and Placement start while RabbitMQ finishes booting; Nova and Neutron need it.
start_glance
start_placement
until_up rabbitmq 120 listens 127.0.0.1 5672
start_neutron
start_nova
until_up glance-api 90 answers "http://$OSLAB_HEAD:9292/"
until_up placement 60 answers "http://$OSLAB_HEAD:8778/"
until_up neutron-server 120 answers "http://$OSLAB_HEAD:9696/"
until_up nova-api 120 answers "http://$OSLAB_HEAD:8774/"
discover_compute_hosts
in_ns env OSLAB_HEAD="$OSLAB_HEAD" OSLAB_ADMIN_PASSWORD="$OSLAB_ADMIN_PASSWORD" OSLAB_SERVICE_PASSWORD="$OSLAB_SERVICE_PASSWORD" \
  OSLAB_ZONES="$OSLAB_ZONES" /usr/bin/python3 "$HERE/lib/bootstrap.py" zones >> "$LOG_DIR/bootstrap.log" 2>&1 \
  || { tail "$LOG_DIR/bootstrap.log" >&2; die "zone bootstrap failed"; }
if [ "${OSLAB_DIRECT:-0}" = 1 ]; then open_direct_doors; fi

cat > "$OSLAB_STATE/adminrc" <<RC
export OS_AUTH_URL=http://$OSLAB_HEAD:5000/v3 OS_IDENTITY_API_VERSION=3 OS_REGION_NAME=RegionOne
export OS_USERNAME=admin OS_PASSWORD=$OSLAB_ADMIN_PASSWORD OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default
RC
zones_json=$(for entry in $OSLAB_ZONES; do printf '{"zone":"%s","host":"%s"},' "${entry#*=}" "${entry%%=*}"; done)
cat > "$OSLAB_STATE/lab.json" <<JSON
{
  "authUrl": "http://$OSLAB_HEAD:5000/v3",
  "head": "$OSLAB_HEAD",
  "region": "RegionOne",
  "admin": { "username": "admin", "password": "$OSLAB_ADMIN_PASSWORD", "project": "admin", "domain": "Default" },
  "demo": { "username": "demo", "password": "demo", "project": "demo", "domain": "Default" },
  "bastion": { "host": "127.0.0.1", "port": $OSLAB_BASTION_PORT, "username": "$OSLAB_BASTION_USER",
    "password": "$OSLAB_BASTION_PASSWORD", "keyFile": "$OSLAB_STATE/bastion/client_key",
    "hostKeyFingerprint": "$(cat "$OSLAB_STATE/bastion/host_key_fingerprint")" },
  "zones": [${zones_json%,}],
  "netns": "$OSLAB_NETNS"
}
JSON
say "lab up: Keystone $KEYSTONE_URL/v3 behind the bastion 127.0.0.1:$OSLAB_BASTION_PORT (user $OSLAB_BASTION_USER)"
say "details in $OSLAB_STATE/lab.json; CLI: ip netns exec $OSLAB_NETNS bash -c 'source $OSLAB_STATE/adminrc; openstack ...'"
