#!/bin/sh
# Around every sectioned script (wizard.core.remote.sections): before it. The script's sections
# go to files in a private temporary folder while it runs (`sec NAME` starts the next
# one); only at the end (sections-epilogue.sh) is the token read from stdin and each
# section printed after its marker. So the token's arrival overlaps the script's work:
# OpenSSH opens a session channel's window only once the command has started, so stdin
# reaches a command a round trip after it starts, and a script that read its token first
# waited that long. Nothing a section holds is printed before its marker, and without a
# valid token nothing is printed at all.
exec 4<&0 </dev/null 3>&1
RW_DIR=$(mktemp -d /tmp/relay-wizard.XXXXXXXX) || exit 70
trap 'rm -rf "$RW_DIR"' EXIT
rw_n=0
sec() { rw_n=$((rw_n + 1)); printf '%s\n' "$1" >> "$RW_DIR/names"; exec > "$RW_DIR/$rw_n"; }
