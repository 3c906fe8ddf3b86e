#!/bin/bash
# The inspection's EHLO to 127.0.0.1:25 over bash's /dev/tcp (sent inside inspect.sh as
# $RW_EHLO, run only where bash exists): the greeting and the EHLO reply, or a
# "@@ no-connect" line.
ehlo() {
  exec 3<>"/dev/tcp/$1/$2" || return 1
  while read -t 10 -r line <&3; do echo "$line"; case "$line" in 220-*) ;; *) break;; esac; done
  printf "EHLO relay-wizard.invalid\r\n" >&3
  while read -t 10 -r line <&3; do echo "$line"; case "$line" in 250-*) ;; *) break;; esac; done
  printf "QUIT\r\n" >&3; exec 3>&-
}
ehlo 127.0.0.1 25 2>/dev/null || echo "@@ no-connect 127.0.0.1 25"
