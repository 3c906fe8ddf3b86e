#!/bin/sh
# The playbook's copy of the sasldb into Postfix's chroot, as the product keeps it
# (chroot_sasldb: only where Postfix's chrooted smtpd reads Cyrus SASL's sasldb); prints
# "copied PATH" when it changed the copy. sh -c CHROOT sasldb-chroot SASLDB
# lib: chroot_sasldb
chroot_sasldb "$1"
