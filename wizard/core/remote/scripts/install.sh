#!/bin/sh
# apply's install step: each new file of the journal to a temporary file in its own
# directory, owner and mode copied from the file it replaces, renamed into place; a new
# file gets the mode stage.sh kept for it in the journal's `modes` (else 0644) and its
# folder is made if missing (a certbot renewal hook's).
# sh -c INSTALL install JOURNAL_ID
set -eu
J=/var/lib/relay-wizard/journal/$1
tab=$(printf '\t')
while IFS=$tab read -r i _ _ _ real; do
  src=$J/new/$i
  [ -f "$src" ] || continue
  dir=$(dirname -- "$real"); base=$(basename -- "$real")
  [ -e "$real" ] || mkdir -p -- "$dir"
  tmp=$(mktemp -- "$dir/.$base.rw-XXXXXX")
  cat -- "$src" > "$tmp"
  if [ -e "$real" ]; then chown --reference="$real" -- "$tmp"; chmod --reference="$real" -- "$tmp"
  else
    mode=$(awk -F '\t' -v i="$i" '$1 == i { print $2 }' "$J/modes" 2>/dev/null || true)
    chmod "${mode:-644}" -- "$tmp"
  fi
  mv -f -- "$tmp" "$real"
done < "$J/manifest"
echo installed > "$J/state"
