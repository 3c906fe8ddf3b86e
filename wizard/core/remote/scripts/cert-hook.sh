#!/bin/sh
# The body of the renewal hook Relay Wizard installs as
# /etc/letsencrypt/renewal-hooks/deploy/relay-wizard-sendmail (wizard.core.guard.certificates):
# certbot runs every deploy hook after it renews any certificate, with RENEWED_LINEAGE set
# to the lineage's live/NAME folder. The installed file starts with one `set --` line (the
# lineage folder, the copy of the certificate, the copy of the key: validated and quoted
# where the plan is made), then this text. It acts only for its own lineage: copies the new
# certificate where sendmail reads it and makes the running sendmail re-read it (HUP).
# lib: copy_certificate daemon_pid
set -u
[ "${RENEWED_LINEAGE:-}" = "$1" ] || exit 0
copy_certificate "$1" "$2" "$3" || exit 1
pid=$(daemon_pid)
if [ -n "$pid" ]; then kill -HUP "$pid" && echo "sendmail (pid $pid) re-reads its certificate"
else echo "sendmail is not running: it reads the new certificate when it starts"; fi
