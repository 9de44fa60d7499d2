# Shared by up.sh, down.sh and doors.sh: where the lab lives and how its processes
# are started, found and stopped. Sourced, never run.
#
# Layout: every OpenStack service, MariaDB, RabbitMQ and the bastion's sshd run in the
# network namespace $OSLAB_NETNS, whose loopback is the "internal network". The APIs
# listen on $OSLAB_HEAD (the head node's address inside it). The host's loopback sees
# only the relays ("doors") that up.sh/doors.sh open: the bastion on 127.0.0.1:5821,
# and, when asked, the APIs themselves on $OSLAB_HEAD (direct access).

OSLAB_STATE=${OSLAB_STATE:-/tmp/rackpilot-oslab}
OSLAB_NETNS=${OSLAB_NETNS:-rposlab}
OSLAB_HEAD=${OSLAB_HEAD:-127.0.15.1}
OSLAB_BASTION_PORT=${OSLAB_BASTION_PORT:-5821}
OSLAB_BASTION_USER=${OSLAB_BASTION_USER:-rposlab}
OSLAB_BASTION_PASSWORD=${OSLAB_BASTION_PASSWORD:-oslab-bastion-pw}
OSLAB_ADMIN_PASSWORD=${OSLAB_ADMIN_PASSWORD:-oslab-admin-pw}
OSLAB_SERVICE_PASSWORD=oslab-service-pw
OSLAB_DB_PASSWORD=oslab-db-pw
OSLAB_PASTE_DIR=${OSLAB_PASTE_DIR:-/var/cache/rackpilot-oslab}
# The API ports, as the catalog names them (service=port).
OSLAB_API_PORTS="keystone=5000 glance-api=9292 placement=8778 nova-api=8774 neutron-server=9696"

RUN_DIR=$OSLAB_STATE/run
LOG_DIR=$OSLAB_STATE/log
HERE_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

oslab_t0=${oslab_t0:-$(date +%s)}
say() { echo "[oslab $(( $(date +%s) - oslab_t0 ))s] $*"; }
die() { echo "[oslab] ERROR: $*" >&2; exit 1; }

# in_ns CMD...: run inside the lab's namespace.
in_ns() { ip netns exec "$OSLAB_NETNS" "$@"; }

pid_of() { cat "$RUN_DIR/$1.pid" 2>/dev/null; }
# running NAME: its recorded pid is alive and still ours (inside the namespace, or one
# of our relays), so a pid reused by another program after a reboot is never signalled.
running() {
  local pid
  pid=$(pid_of "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ "$(ip netns identify "$pid" 2>/dev/null)" = "$OSLAB_NETNS" ] || grep -qa relay.py "/proc/$pid/cmdline" 2>/dev/null
}

# launch NAME [--host] CMD...: starts CMD in its own session (its pid is its process
# group, so stopping it reaches its workers too), inside the namespace unless --host.
launch() {
  local name=$1 where=ns; shift
  if [ "$1" = --host ]; then where=host; shift; fi
  if running "$name"; then say "$name is running (pid $(pid_of "$name"))"; return 0; fi
  if [ $where = ns ]; then
    nohup setsid ip netns exec "$OSLAB_NETNS" "$@" >> "$LOG_DIR/$name.out" 2>&1 < /dev/null 9>&- &
  else
    nohup setsid "$@" >> "$LOG_DIR/$name.out" 2>&1 < /dev/null 9>&- &
  fi
  echo $! > "$RUN_DIR/$name.pid"
  say "started $name (pid $!)"
}

# halt NAME: TERM to its process group, KILL after 20 s, pid file removed.
halt() {
  local name=$1 pid i
  pid=$(pid_of "$name") || return 0
  if running "$name"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    say "stopped $name"
  fi
  rm -f "$RUN_DIR/$name.pid"
}

# until_up NAME SECONDS TEST...: polls TEST until it succeeds; fails early if NAME died.
until_up() {
  local name=$1 seconds=$2 i; shift 2
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    # (alive, not running: just after launch the process may not be in the namespace yet)
    kill -0 "$(pid_of "$name")" 2>/dev/null || { tail -25 "$LOG_DIR/$name.out" >&2; die "$name exited (log: $LOG_DIR/$name.out)"; }
    sleep 0.25
  done
  tail -25 "$LOG_DIR/$name.out" >&2
  die "$name did not come up in ${seconds}s"
}
answers() { in_ns curl -s -o /dev/null -m 5 "$1"; }
listens() { in_ns bash -c "exec 3<>/dev/tcp/$1/$2"; }
