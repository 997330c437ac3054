# From a non-loopback address without TLS no cleartext password is taken
# (LOGINDISABLED), unless IMAP_PLAINTEXT_INSECURE is set.
#! phase: login
#! only: stdio
#! env: TCPREMOTEIP=192.0.2.7 IMAP_STARTTLS=NO
S: * OK [CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE SASL-IR LOGINDISABLED UTF8=ACCEPT] Courier-IMAP ready. Copyright 1998-2019 Double Precision, Inc.  See COPYING for distribution information.
C: a1 LOGIN ${USER} ${PASSWORD}
S: a1 NO STARTTLS required
C: a2 AUTHENTICATE PLAIN ${PLAIN}
S: a2 NO STARTTLS required
C: a3 STARTTLS
S: a3 NO TLS support not available.
C: a4 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a4 OK LOGOUT completed
