#!/bin/sh
# The playbook's reload handler (wizard.core.exports.playbook): apply's own reload, on its own.
# sh -c RELOAD reload SPEC...
# lib: reload_sendmail
set -u
reload_sendmail auto "$@"
