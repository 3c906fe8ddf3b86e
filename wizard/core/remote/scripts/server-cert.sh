#!/bin/sh
# The certificate the mail server presents (wizard.core.mail.certs, for the test send): lib.sh's
# server_cert, alone. Nothing user-supplied goes into it.
# lib: server_cert
LC_ALL=C; export LC_ALL
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
server_cert
