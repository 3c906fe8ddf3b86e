#!/bin/sh
# apply's step after install (wizard.core.guard.certificates): the same copy the renewal hook
# makes (copy_certificate), without the reload: the reload step follows.
# sh -c CERT_COPY cert-copy JOURNAL_ID LINEAGE CRT KEY
# lib: copy_certificate
set -u
shift
copy_certificate "$1" "$2" "$3"
