#!/bin/sh
# The playbook's rebuild handler: build and check as apply does (cf_build strict), back up
# the old .cf, install by rename with the old owner and mode (apply's build and install
# steps, without the journal). sh -c REBUILD rebuild MC CF M4_COMMAND...
# lib: cf_build cf_check
set -eu
mc=$1; cf=$2; shift 2
dir=$(dirname -- "$mc"); cd "$dir"
tmp=$(mktemp -- "$dir/.sendmail.cf.rw-XXXXXX"); err=$(mktemp)
trap 'rm -f -- "$tmp" "$err"' EXIT
rc=0; cf_build strict "$mc" "$tmp" "$err" "$@" || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
if [ -e "$cf" ]; then
  cp -p -- "$cf" "$cf.$(date -u +%Y%m%dT%H%M%SZ).relay-wizard~"
  chown --reference="$cf" -- "$tmp"; chmod --reference="$cf" -- "$tmp"
else
  chmod 644 -- "$tmp"
fi
mv -f -- "$tmp" "$cf"
echo "rebuilt $cf from $mc"
