#!/bin/bash
# Whether Glance takes an image's data by direct upload (PUT /v2/images/{id}/file) from a
# project member, for the tests of the interoperable import: `uploads.sh import-only`
# denies the `upload_image` policy to everyone but admins (members then stage and
# import with glance-direct, which `enabled_import_methods` lists), `uploads.sh direct`
# gives it back, `uploads.sh status` prints direct or import-only. Glance rereads its
# policy file when it changes: no restart. start_glance writes `direct` on every start.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
source "$HERE/lib/openstack.sh"
case "${1:-status}" in
  direct | import-only) write_glance_policy "$1" ;;
  status) glance_upload_mode ;;
  *) die "usage: uploads.sh direct|import-only|status" ;;
esac
