#!/usr/bin/env bash
# Builds the lab's vCenter simulator (scripts/vcsim/*.go on govmomi's simulator,
# from Debian's golang-github-vmware-govmomi-dev sources) into build/vcsim/vcsim-lab,
# or into $1. Installs nothing: without Go or the sources it says what to install and exits 3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/vcsim/vcsim-lab}
gocode=/usr/share/gocode
if ! command -v go >/dev/null || [ ! -d "$gocode/src/github.com/vmware/govmomi/simulator" ]; then
  echo "vcsim-lab not built: needs Debian's golang-go and golang-github-vmware-govmomi-dev (apt-get install golang-go golang-github-vmware-govmomi-dev)" >&2
  exit 3
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/vcsimlab" "$(dirname "$out")"
cp "$here"/*.go "$work/src/vcsimlab/"
cd "$work/src/vcsimlab"
# GOPATH mode: Debian's Go libraries are a GOPATH tree, and the build must work offline.
GO111MODULE=off GOPATH="$work:$gocode" GOCACHE="${GOCACHE:-$work/cache}" GOFLAGS= go build -trimpath -o "$out.tmp" .
mv "$out.tmp" "$out"
echo "$out"
