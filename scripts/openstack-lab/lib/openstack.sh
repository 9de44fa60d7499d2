# The OpenStack services, sourced by up.sh after infra.sh. Every API listens on the head
# node's address inside the namespace; the catalog names the same URLs, as a cloud
# behind a bastion does (clients outside must rewrite them to their tunnels).

KEYSTONE_URL=http://$OSLAB_HEAD:5000
OSRUN="/usr/bin/python3 $HERE_LIB/osrun.py"
QUIET_LOGGERS="amqp=WARN,sqlalchemy=WARN,oslo.messaging=INFO,oslo_messaging=INFO,urllib3.connectionpool=WARN,keystonemiddleware=WARN,routes.middleware=WARN,stevedore=WARN,keystoneauth=WARN,oslo_policy=INFO"

# Sections every service needs to check tokens and to call other services as itself.
token_check_section() {
  printf '[keystone_authtoken]\nwww_authenticate_uri = %s\nauth_url = %s\nauth_type = password\n' "$KEYSTONE_URL" "$KEYSTONE_URL"
  printf 'project_domain_name = Default\nuser_domain_name = Default\nproject_name = service\n'
  printf 'username = %s\npassword = %s\nservice_token_roles_required = true\n' "$1" "$OSLAB_SERVICE_PASSWORD"
}
service_client_section() {
  printf '[%s]\nauth_url = %s\nauth_type = password\nproject_domain_name = Default\n' "$1" "$KEYSTONE_URL"
  printf 'user_domain_name = Default\nproject_name = service\nusername = %s\npassword = %s\n' "$2" "$OSLAB_SERVICE_PASSWORD"
  printf 'region_name = RegionOne\nvalid_interfaces = public\n'
}
uwsgi_app() { # NAME PORT WSGI_FILE PROCESSES
  # "Connection: close": keystoneauth reuses connections that uwsgi's http-socket
  # has already dropped, and then fails with ECONNRESET.
  launch "$1" /usr/bin/uwsgi --plugin python3 --master --die-on-term --need-app \
    --http-socket "$OSLAB_HEAD:$2" --wsgi-file "$3" --processes "$4" --threads 2 --enable-threads \
    --buffer-size 65535 --disable-logging --add-header "Connection: close"
}

start_keystone() {
  local dir=$OSLAB_STATE/keystone conf=$OSLAB_STATE/keystone/keystone.conf
  mkdir -p "$dir/fernet-keys" "$dir/credential-keys"
  chmod 700 "$dir/fernet-keys" "$dir/credential-keys"
  cat > "$conf" <<CONF
[DEFAULT]
log_file = $LOG_DIR/keystone.log
[database]
connection = $(database_url keystone)
[token]
provider = fernet
expiration = ${OSLAB_TOKEN_EXPIRATION:-3600}
[fernet_tokens]
key_repository = $dir/fernet-keys
[credential]
key_repository = $dir/credential-keys
CONF
  printf 'import os\nos.environ["OS_KEYSTONE_CONFIG_FILES"] = "%s"\nfrom keystone.server.wsgi import initialize_public_application\napplication = initialize_public_application()\n' "$conf" > "$dir/wsgi.py"
  if ! running keystone; then
    local manage="$OSRUN keystone-manage --config-file $conf"
    {
      in_ns $manage db_sync
      [ -f "$dir/fernet-keys/0" ] || in_ns $manage fernet_setup --keystone-user root --keystone-group root
      [ -f "$dir/credential-keys/0" ] || in_ns $manage credential_setup --keystone-user root --keystone-group root
      in_ns $manage bootstrap --bootstrap-password "$OSLAB_ADMIN_PASSWORD" --bootstrap-username admin \
        --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
        --bootstrap-region-id RegionOne --bootstrap-public-url "$KEYSTONE_URL/v3/" \
        --bootstrap-internal-url "$KEYSTONE_URL/v3/" --bootstrap-admin-url "$KEYSTONE_URL/v3/"
    } >> "$LOG_DIR/keystone-manage.log" 2>&1 || { tail "$LOG_DIR/keystone-manage.log" >&2; die "keystone-manage failed"; }
  fi
  uwsgi_app keystone 5000 "$dir/wsgi.py" 2
  until_up keystone 90 answers "$KEYSTONE_URL/v3"
  in_ns env OSLAB_HEAD="$OSLAB_HEAD" OSLAB_ADMIN_PASSWORD="$OSLAB_ADMIN_PASSWORD" OSLAB_SERVICE_PASSWORD="$OSLAB_SERVICE_PASSWORD" \
    /usr/bin/python3 "$HERE_LIB/bootstrap.py" identity >> "$LOG_DIR/bootstrap.log" 2>&1 \
    || { tail "$LOG_DIR/bootstrap.log" >&2; die "identity bootstrap failed"; }
}

# The policy file Glance finds beside its config (policy.yaml). Glance merges it into its
# defaults and never drops a rule it once read, so both modes name `upload_image`:
# direct is Zed's default (ADMIN_OR_PROJECT_MEMBER), import-only leaves it to admins.
GLANCE_POLICY=$OSLAB_STATE/glance/policy.yaml
write_glance_policy() { # direct|import-only
  local rule="role:admin or (role:member and project_id:%(project_id)s)"
  [ "$1" = import-only ] && rule="role:admin"
  mkdir -p "$(dirname "$GLANCE_POLICY")"
  printf '# %s (scripts/openstack-lab/uploads.sh)\n"upload_image": "%s"\n' "$1" "$rule" > "$GLANCE_POLICY.new"
  mv "$GLANCE_POLICY.new" "$GLANCE_POLICY"
}
glance_upload_mode() {
  if grep -q '^# import-only' "$GLANCE_POLICY" 2>/dev/null; then echo import-only; else echo direct; fi
}

start_glance() {
  local dir=$OSLAB_STATE/glance conf=$OSLAB_STATE/glance/glance-api.conf
  mkdir -p "$dir/images" "$dir/staging" "$dir/locks"
  running glance-api || write_glance_policy direct
  cp "$OSLAB_PASTE_DIR/root/usr/share/glance-common/glance-api-paste.ini" "$dir/"
  cat > "$conf" <<CONF
[DEFAULT]
bind_host = $OSLAB_HEAD
bind_port = 9292
workers = 1
log_file = $LOG_DIR/glance-api.log
enabled_import_methods = [glance-direct,web-download]
node_staging_uri = file://$dir/staging
[database]
connection = $(database_url glance)
[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $dir/images/
$(token_check_section glance)
[paste_deploy]
flavor = keystone
config_file = $dir/glance-api-paste.ini
[oslo_concurrency]
lock_path = $dir/locks
CONF
  if ! running glance-api; then
    in_ns $OSRUN glance-manage --config-file "$conf" db_sync >> "$LOG_DIR/glance-manage.log" 2>&1 \
      || { tail "$LOG_DIR/glance-manage.log" >&2; die "glance db_sync failed"; }
  fi
  launch glance-api $OSRUN glance-api --config-file "$conf"
}

start_placement() {
  local dir=$OSLAB_STATE/placement
  mkdir -p "$dir"
  cat > "$dir/placement.conf" <<CONF
[DEFAULT]
log_file = $LOG_DIR/placement.log
[api]
auth_strategy = keystone
[placement_database]
connection = $(database_url placement)
$(token_check_section placement)
CONF
  printf 'import os\nos.environ["OS_PLACEMENT_CONFIG_DIR"] = "%s"\nfrom placement.wsgi import init_application\napplication = init_application()\n' "$dir" > "$dir/wsgi.py"
  if ! running placement; then
    in_ns $OSRUN placement-manage --config-file "$dir/placement.conf" db sync >> "$LOG_DIR/placement-manage.log" 2>&1 \
      || { tail "$LOG_DIR/placement-manage.log" >&2; die "placement db sync failed"; }
  fi
  uwsgi_app placement 8778 "$dir/wsgi.py" 1
}
