#!/bin/sh
# The SASL realm and the mail names of the host's mail server, one call
# (wizard.core.mta.sendmail.users.read_sasl_realm). Postfix (mail_server): "@@ postfix",
# then the settings that decide them, as postconf -x gives them ("NAME = VALUE").
# sendmail: its own account of its names, as sendmail-d0.sh prints it.
# sh -c REALM sasl-realm
# lib: mail_server
# shellcheck disable=SC2016
if [ "$(mail_server)" = postfix ]; then
  echo "@@ postfix"
  postconf -x smtpd_sasl_local_domain myhostname smtpd_sasl_type mydestination 2>&1
  exit 0
fi
printf '%s\n' '$=w' | sendmail -d0.1 -bt 2>&1
