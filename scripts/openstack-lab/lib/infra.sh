# The lab's ground floor, sourced by up.sh: the namespace, MariaDB, RabbitMQ and the
# bastion's sshd. Each step is skipped when what it makes is already there or running.

make_namespace() {
  if ! ip netns list | grep -qw "$OSLAB_NETNS"; then
    ip netns add "$OSLAB_NETNS"
    say "network namespace $OSLAB_NETNS created"
  fi
  in_ns ip link set lo up
}

start_mariadb() {
  local data=$OSLAB_STATE/mysql
  if [ ! -d "$data/mysql" ]; then
    mkdir -p "$data"
    mariadb-install-db --no-defaults --datadir="$data" --user=root --skip-test-db \
      --auth-root-authentication-method=socket > "$LOG_DIR/mariadb-install.log" 2>&1 \
      || { tail "$LOG_DIR/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
  fi
  launch mariadb /usr/sbin/mariadbd --no-defaults --user=root --datadir="$data" \
    --bind-address=127.0.0.1 --port=3306 --socket="$OSLAB_STATE/mysql.sock" \
    --pid-file="$data/mariadbd.pid" --log-error="$LOG_DIR/mariadb.err" --skip-name-resolve \
    --max-connections=500 --innodb-buffer-pool-size=96M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  until_up mariadb 60 mariadb --no-defaults -S "$OSLAB_STATE/mysql.sock" -uroot -e 'select 1'
  local statements="" database
  for database in keystone glance placement nova_api nova nova_cell0 neutron; do
    statements+="CREATE DATABASE IF NOT EXISTS $database; "
  done
  mariadb --no-defaults -S "$OSLAB_STATE/mysql.sock" -uroot -e "$statements
    CREATE USER IF NOT EXISTS 'oslab'@'127.0.0.1' IDENTIFIED BY '$OSLAB_DB_PASSWORD';
    GRANT ALL PRIVILEGES ON *.* TO 'oslab'@'127.0.0.1'; FLUSH PRIVILEGES;"
}
database_url() { echo "mysql+pymysql://oslab:$OSLAB_DB_PASSWORD@127.0.0.1:3306/$1?charset=utf8"; }

start_rabbitmq() {
  local home=$OSLAB_STATE/rabbitmq
  mkdir -p "$home/mnesia" "$home/log"
  printf 'listeners.tcp.default = 127.0.0.1:5672\nloopback_users.guest = true\n' > "$home/rabbitmq.conf"
  echo '[].' > "$home/enabled_plugins"
  launch epmd /usr/bin/epmd -address 127.0.0.1 -port 4369
  until_up epmd 20 listens 127.0.0.1 4369
  launch rabbitmq env HOME="$home" ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_NODENAME=rabbit@localhost \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 RABBITMQ_DIST_PORT=25672 \
    RABBITMQ_CONFIG_FILE="$home/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$home/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$home/mnesia" RABBITMQ_LOG_BASE="$home/log" \
    /usr/lib/rabbitmq/bin/rabbitmq-server
}
TRANSPORT_URL=rabbit://guest:guest@127.0.0.1:5672/

# The jump host: Debian's sshd inside the namespace on port 22, reached from the host
# through the relay on 127.0.0.1:$OSLAB_BASTION_PORT. Its user logs in by password or
# by the key written to $OSLAB_STATE/bastion/client_key; it may forward only to the
# head node's address.
start_bastion() {
  local dir=$OSLAB_STATE/bastion
  mkdir -p "$dir" /run/sshd
  id "$OSLAB_BASTION_USER" >/dev/null 2>&1 || useradd -M -d /nonexistent -s /bin/sh "$OSLAB_BASTION_USER" 2>/dev/null \
    || id "$OSLAB_BASTION_USER" >/dev/null
  echo "$OSLAB_BASTION_USER:$OSLAB_BASTION_PASSWORD" | chpasswd
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C oslab-bastion -f "$dir/host_ed25519"
  [ -f "$dir/client_key" ] || ssh-keygen -q -t ed25519 -N '' -C oslab-client -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  chmod 644 "$dir/authorized_keys"
  cat > "$dir/sshd_config" <<CONF
Port 22
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile none
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
AllowUsers $OSLAB_BASTION_USER
AllowTcpForwarding local
PermitOpen $OSLAB_HEAD:*
PermitRootLogin no
MaxStartups 100
MaxSessions 100
LogLevel VERBOSE
CONF
  launch bastion /usr/sbin/sshd -D -e -f "$dir/sshd_config"
  until_up bastion 20 listens 127.0.0.1 22
  ssh-keygen -l -E sha256 -f "$dir/host_ed25519.pub" | awk '{print $2}' > "$dir/host_key_fingerprint"
}

# The host-side doors: the bastion always; the APIs themselves only when direct access is on.
open_bastion_door() {
  launch door-bastion --host "$HERE_LIB/relay.py" "$OSLAB_NETNS" "127.0.0.1:$OSLAB_BASTION_PORT=127.0.0.1:22"
  until_up door-bastion 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$OSLAB_BASTION_PORT"
}
open_direct_doors() {
  local doors="" entry port
  for entry in $OSLAB_API_PORTS; do
    port=${entry#*=}
    doors+=" $OSLAB_HEAD:$port=$OSLAB_HEAD:$port"
  done
  launch door-direct --host "$HERE_LIB/relay.py" "$OSLAB_NETNS" $doors
  until_up door-direct 20 bash -c "exec 3<>/dev/tcp/$OSLAB_HEAD/5000"
}
