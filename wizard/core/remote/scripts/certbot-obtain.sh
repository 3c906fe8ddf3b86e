#!/bin/sh
# apply's first step when a certificate is obtained (wizard.core.guard.certificates), before
# the journal opens: certbot gets a certificate for NAME from the ACME directory URL, with a
# dry run first (a failure there costs nothing against the authority's rate limits).
# HTTP-01: certbot's own web server on port 80 (WEBROOT "") or the files of the web server
# already serving WEBROOT. EMAIL "": no address for the authority's expiry mails.
# On failure certbot's output goes to stderr, its lines naming the problem last (the apply
# shows the end of it; wizard.core.guard.certbot diagnoses it).
# sh -c CERTBOT_OBTAIN certbot-obtain JOURNAL_ID NAME URL EMAIL WEBROOT
set -u
name=$2 url=$3 email=$4 webroot=$5
if ! command -v certbot >/dev/null 2>&1; then echo "certbot is not installed" >&2; exit 4; fi
set -- certonly --non-interactive --agree-tos --server "$url" -d "$name" --cert-name "$name"
if [ -n "$webroot" ]; then set -- "$@" --webroot -w "$webroot"; else set -- "$@" --standalone; fi
if [ -n "$email" ]; then set -- "$@" --email "$email"; else set -- "$@" --register-unsafely-without-email; fi
for run in dry-run real; do
  if [ "$run" = dry-run ]; then out=$(certbot "$@" --dry-run 2>&1); else out=$(certbot "$@" 2>&1); fi
  rc=$?
  if [ $rc -ne 0 ]; then
    printf '%s\n' "$out" >&2
    printf '%s\n' "$out" | grep -i -e 'type:' -e 'detail:' -e 'error' -e 'urn:ietf' | tail -n 6 >&2
    echo "certbot's $run failed (exit $rc)" >&2
    exit 5
  fi
  echo "certbot $run: done"
done
printf '%s\n' "$out" | tail -n 8
