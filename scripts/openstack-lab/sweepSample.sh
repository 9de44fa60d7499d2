#!/bin/bash
# sweepSample.sh - deletes from the OpenStack lab whatever the OpenStack sample's deployment made
# (servers, ports, networks and router named mesh4-*, the mesh-ssh group, the ops-key key pair, the
# rp.small flavor, the cirros image), in the order Neutron and Nova accept. A run that was killed before
# its rollback leaves these in the lab's database, which outlives the lab's processes.
# Needs the lab up (up.sh or ensure.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
in_ns bash -c ". $OSLAB_STATE/adminrc
  for s in \$(openstack server list --name '^mesh4-' -f value -c ID); do openstack server delete --wait \$s; done
  for p in \$(openstack port list -f value -c ID -c Name | awk '\$2 ~ /^mesh4-/ {print \$1}'); do openstack port delete \$p; done
  r=\$(openstack router list -f value -c ID -c Name | awk '\$2==\"mesh4-router\" {print \$1}')
  if [ -n \"\$r\" ]; then openstack router remove subnet \$r mesh4-mgmt-subnet || true; openstack router delete \$r; fi
  for n in \$(openstack network list -f value -c ID -c Name | awk '\$2 ~ /^mesh4-/ {print \$1}'); do openstack network delete \$n; done
  for g in \$(openstack security group list -f value -c ID -c Name | awk '\$2==\"mesh-ssh\" {print \$1}'); do openstack security group delete \$g; done
  openstack keypair delete ops-key 2>/dev/null || true
  openstack flavor delete rp.small 2>/dev/null || true
  for i in \$(openstack image list -f value -c ID -c Name | awk '\$2==\"cirros\" {print \$1}'); do openstack image delete \$i; done"
