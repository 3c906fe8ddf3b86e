#!/bin/sh
# Write one file atomically (wizard.core.remote.files.RemoteFiles), as root.
# sh -c SCRIPT install-file SOURCE TARGET MODE OWNER GROUP. SOURCE is the uploaded temp
# file, or "-" for stdin. Empty MODE/OWNER/GROUP: keep the existing file's (new file:
# root, root's group, 644). A symlink target is followed.
set -eu
src=$1 target=$2 mode=$3 owner=$4 group=$5 tmp=
cleanup() { rm -f -- ${tmp:+"$tmp"} ${src:+"$src"}; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
if [ "$src" = - ]; then src=; fi
if [ -L "$target" ]; then target=$(readlink -f -- "$target"); fi
if [ -d "$target" ]; then echo "$target is a directory" >&2; exit 2; fi
dir=$(dirname -- "$target"); base=$(basename -- "$target")
if [ ! -d "$dir" ]; then echo "the directory $dir does not exist" >&2; exit 2; fi
if [ -e "$target" ]; then
  # shellcheck disable=SC2046  # three numbers, one word each
  set -- $(stat -c '%u %g %a' -- "$target")
  owner=${owner:-$1} group=${group:-$2} mode=${mode:-$3}
fi
owner=${owner:-0} mode=${mode:-644}
group=${group:-$(id -g -- "$owner" 2>/dev/null || echo 0)}
if [ -n "$src" ] && [ "$(dirname -- "$src")" = "$dir" ]; then
  tmp=$src src=
else
  tmp=$(mktemp -- "$dir/.$base.XXXXXXXX")
  if [ -n "$src" ]; then cat -- "$src" > "$tmp"; else cat > "$tmp"; fi
fi
chown -- "$owner:$group" "$tmp"
chmod -- "$mode" "$tmp"
sync -- "$tmp" 2>/dev/null || :
mv -f -- "$tmp" "$target"
tmp=
if command -v restorecon >/dev/null 2>&1; then restorecon -- "$target" 2>/dev/null || :; fi
