#!/bin/sh
# The playbook's lineinfile validate (wizard.core.exports.playbook): build a .cf from the
# candidate .mc as apply does, refuse any m4 complaint, a .cf without a version line, or
# one sendmail refuses (cf_build strict). Ansible runs it without a shell, after "%"
# formatting: sh -c VALIDATE relay-wizard-validate MC_DIR CANDIDATE M4_COMMAND...
# lib: cf_build cf_check
cd "$1" || exit 1
f=$2; shift 2
t=$(mktemp) e=$(mktemp)
trap 'rm -f -- "$t" "$e"' EXIT
cf_build strict "$f" "$t" "$e" "$@" || exit 1
