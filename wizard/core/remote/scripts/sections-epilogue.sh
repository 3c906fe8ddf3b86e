#!/bin/sh
# Around every sectioned script (wizard.core.remote.sections): after it (sections-prelude.sh
# defines RW_DIR and opened fds 3 and 4). Reads the run's token from stdin and prints
# every section after a line "@@@TOKEN NAME", then "@@@TOKEN fin".
# shellcheck disable=SC2154  # RW_DIR: set by sections-prelude.sh, sent in front
exec >&3 3>&-
IFS= read -r RW_TOKEN <&4 || exit 70
exec 4<&-
case $RW_TOKEN in ''|*[!0-9a-f]*) exit 70 ;; esac
rw_i=0
if [ -f "$RW_DIR/names" ]; then
  while IFS= read -r rw_name; do
    rw_i=$((rw_i + 1))
    printf '\n@@@%s %s\n' "$RW_TOKEN" "$rw_name"
    cat "$RW_DIR/$rw_i"
  done < "$RW_DIR/names"
fi
printf '\n@@@%s fin\n' "$RW_TOKEN"
