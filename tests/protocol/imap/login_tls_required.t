# IMAP_TLS_REQUIRED=1: LOGINDISABLED is advertised, LOGIN and AUTHENTICATE
# are refused until STARTTLS.
#! phase: login
#! only: stdio
#! env: IMAP_TLS_REQUIRED=1
S: * OK [CAPABILITY IMAP4rev1 CHILDREN NAMESPACE LITERAL+ ENABLE ID SPECIAL-USE SASL-IR STARTTLS LOGINDISABLED UTF8=ACCEPT] Courier-IMAP ready. Copyright 1998-2019 Double Precision, Inc.  See COPYING for distribution information.
C: a1 LOGIN ${USER} ${PASSWORD}
S: a1 NO STARTTLS required
C: a2 AUTHENTICATE PLAIN ${PLAIN}
S: a2 NO STARTTLS required
C: a3 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a3 OK LOGOUT completed
