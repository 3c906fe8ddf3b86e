#!/bin/sh
# sendmail's own account of its build and names (`-d0.1`: $j, the canonical name, is the
# SASL realm; wizard.core.mta.sendmail.users, the playbook). sh -c D0 sendmail-d0
sendmail -d0.1 -bt < /dev/null 2>&1
