# Nova (API, conductor, scheduler and one fake compute host per availability zone) and
# Neutron (ML2 without agents), sourced by up.sh after openstack.sh.

# Compute hosts, one per zone (host=zone); bootstrap.py puts each in its zone's aggregate.
OSLAB_ZONES=${OSLAB_ZONES:-"oslab-az1=az-1 oslab-az2=az-2"}

write_nova_config() {
  local dir=$OSLAB_STATE/nova
  mkdir -p "$dir/instances" "$dir/locks"
  cp "$OSLAB_PASTE_DIR/root/usr/share/nova-common/api-paste.ini" "$dir/"
  cat > "$dir/nova.conf" <<CONF
[DEFAULT]
host = oslab-control
transport_url = $TRANSPORT_URL
my_ip = $OSLAB_HEAD
state_path = $dir
instances_path = $dir/instances
enabled_apis = osapi_compute
osapi_compute_listen = $OSLAB_HEAD
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
compute_driver = fake.FakeDriver
use_rootwrap_daemon = false
default_log_levels = $QUIET_LOGGERS
[api]
auth_strategy = keystone
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 10
[wsgi]
api_paste_config = $dir/api-paste.ini
$(token_check_section nova)
$(service_client_section placement placement)
$(service_client_section neutron nova)
[glance]
valid_interfaces = public
[vnc]
enabled = false
[oslo_concurrency]
lock_path = $dir/locks
[oslo_messaging_notifications]
driver = noop
CONF
  # Only the control services see the databases: nova-compute logs tracebacks when it
  # is given database settings it may not use.
  printf '[api_database]\nconnection = %s\n[database]\nconnection = %s\n' \
    "$(database_url nova_api)" "$(database_url nova)" > "$dir/nova-db.conf"
}

start_nova() {
  local dir=$OSLAB_STATE/nova entry host conductor_pid i
  write_nova_config
  local control="--config-file $dir/nova.conf --config-file $dir/nova-db.conf"
  local manage="$OSRUN nova-manage $control"
  if ! running nova-api; then
    say "nova databases and cells"
    {
      in_ns $manage api_db sync
      in_ns $manage cell_v2 map_cell0 --database_connection "$(database_url nova_cell0)" || true
      in_ns $manage cell_v2 list_cells | grep -q ' cell1 ' \
        || in_ns $manage cell_v2 create_cell --name cell1 --transport-url "$TRANSPORT_URL" --database_connection "$(database_url nova)"
      in_ns $manage db sync
    } >> "$LOG_DIR/nova-manage.log" 2>&1 || { tail "$LOG_DIR/nova-manage.log" >&2; die "nova-manage failed"; }
  fi
  launch nova-conductor $OSRUN nova-conductor $control --log-file "$LOG_DIR/nova-conductor.log"
  launch nova-scheduler $OSRUN nova-scheduler $control --log-file "$LOG_DIR/nova-scheduler.log"
  # A compute host that starts before the conductor listens waits 60 s for it.
  conductor_pid=$(pid_of nova-conductor)
  until_up nova-conductor 90 grep -q " $conductor_pid INFO nova.service .*Starting conductor node" "$LOG_DIR/nova-conductor.log"
  for entry in $OSLAB_ZONES; do
    host=${entry%%=*}
    printf '[DEFAULT]\nhost = %s\n' "$host" > "$dir/compute-$host.conf"
    launch "nova-compute-$host" $OSRUN nova-compute --config-file "$dir/nova.conf" \
      --config-file "$dir/compute-$host.conf" --log-file "$LOG_DIR/nova-compute-$host.log"
  done
  launch nova-api $OSRUN nova-api $control --log-file "$LOG_DIR/nova-api.log"
}

# Maps every compute host into cell1 (the scheduler does it too, every 10 s).
discover_compute_hosts() {
  local dir=$OSLAB_STATE/nova entry hosts missing i
  local manage="$OSRUN nova-manage --config-file $dir/nova.conf --config-file $dir/nova-db.conf"
  for ((i = 0; i < 60; i++)); do
    in_ns $manage cell_v2 discover_hosts >/dev/null 2>&1 || true
    hosts=$(in_ns $manage cell_v2 list_hosts 2>/dev/null || true)
    missing=""
    for entry in $OSLAB_ZONES; do grep -qw "${entry%%=*}" <<<"$hosts" || missing+=" ${entry%%=*}"; done
    [ -z "$missing" ] && return 0
    sleep 2
  done
  die "compute hosts not discovered:$missing (see $LOG_DIR/nova-compute-*.log)"
}

start_neutron() {
  local dir=$OSLAB_STATE/neutron pylib=$OSLAB_STATE/neutron/pylib
  mkdir -p "$dir/locks" "$pylib/oslab_bind_everything-1.0.dist-info"
  cp "$OSLAB_PASTE_DIR/root/usr/share/neutron-common/api-paste.ini" "$dir/"
  # The driver is found through an entry point, so it gets a dist-info of its own.
  cp "$HERE_LIB/noop_mech.py" "$pylib/oslab_bind_everything.py"
  printf 'Metadata-Version: 2.1\nName: oslab-bind-everything\nVersion: 1.0\n' > "$pylib/oslab_bind_everything-1.0.dist-info/METADATA"
  printf '[neutron.ml2.mechanism_drivers]\nbind_everything = oslab_bind_everything:BindEverything\n' \
    > "$pylib/oslab_bind_everything-1.0.dist-info/entry_points.txt"
  cat > "$dir/neutron.conf" <<CONF
[DEFAULT]
core_plugin = ml2
service_plugins = router
bind_host = $OSLAB_HEAD
bind_port = 9696
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 0
transport_url = $TRANSPORT_URL
auth_strategy = keystone
state_path = $dir
api_paste_config = $dir/api-paste.ini
allow_overlapping_ips = true
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
default_log_levels = $QUIET_LOGGERS
[database]
connection = $(database_url neutron)
$(token_check_section neutron)
$(service_client_section nova nova)
$(service_client_section placement placement)
[oslo_concurrency]
lock_path = $dir/locks
[agent]
root_helper =
CONF
  cat > "$dir/ml2_conf.ini" <<CONF
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = bind_everything
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vlan]
network_vlan_ranges = physnet1:100:199
[ml2_type_vxlan]
vni_ranges = 1:1000
CONF
  local configs="--config-file $dir/neutron.conf --config-file $dir/ml2_conf.ini"
  if ! running neutron-server; then
    in_ns $OSRUN neutron-db-manage $configs upgrade heads >> "$LOG_DIR/neutron-db-manage.log" 2>&1 \
      || { tail "$LOG_DIR/neutron-db-manage.log" >&2; die "neutron-db-manage failed"; }
  fi
  launch neutron-server env PYTHONPATH="$pylib" $OSRUN neutron-server $configs --log-file "$LOG_DIR/neutron-server.log"
}
