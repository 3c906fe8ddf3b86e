#!/bin/sh
# sendmail's own account of its build and names (`-d0.1`: $j, the canonical name, is the
# SASL realm; wizard.core.mta.sendmail.users, the playbook), and class w, the names it
# takes mail for (the `$=w` test-mode command: the mail identity the exports offer).
# sh -c D0 sendmail-d0
# shellcheck disable=SC2016
printf '%s\n' '$=w' | sendmail -d0.1 -bt 2>&1
