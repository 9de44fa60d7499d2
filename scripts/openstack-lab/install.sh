#!/bin/bash
# Installs what the OpenStack lab runs on: Debian's OpenStack Zed libraries (not the
# service packages, whose maintainer scripts ask debconf questions and start daemons),
# MariaDB, RabbitMQ, uwsgi, the openstack CLI, OpenSSH (the bastion) and iproute2 (the
# network namespace). The *-common packages are only downloaded and unpacked: they hold
# the paste ini files the API servers load. Safe to run again; it only adds what is missing.
set -euo pipefail
PACKAGES="python3-keystone python3-glance python3-nova python3-placement python3-neutron
  mariadb-server rabbitmq-server uwsgi-core uwsgi-plugin-python3 python3-openstackclient
  openssh-server iproute2 curl"
PASTE_DIR=${OSLAB_PASTE_DIR:-/var/cache/rackpilot-oslab}

missing=""
for package in $PACKAGES; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = installed ] || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "[oslab install] apt-get install$missing"
  # A policy-rc.d that says 101 keeps the packages from starting MariaDB and RabbitMQ
  # on every address; remove it afterwards only if we made it.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -q \
    --no-install-recommends $missing || status=$?
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ $status = 0 ] || { echo "[oslab install] apt-get install failed ($status)" >&2; exit $status; }
fi

if [ ! -f "$PASTE_DIR/root/usr/share/nova-common/api-paste.ini" ]; then
  echo "[oslab install] unpacking the paste ini files of glance-common, nova-common, neutron-common"
  mkdir -p "$PASTE_DIR/debs" "$PASTE_DIR/root"
  (cd "$PASTE_DIR/debs" && apt-get download -q glance-common nova-common neutron-common)
  for deb in "$PASTE_DIR"/debs/*.deb; do dpkg-deb -x "$deb" "$PASTE_DIR/root"; done
fi
echo "[oslab install] ready"
