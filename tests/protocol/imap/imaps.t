# The implicit-TLS port: IMAP_CAPABILITY_TLS from the start, no STARTTLS.
#! phase: login
#! tls: implicit
S: * OK [CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE SASL-IR AUTH=PLAIN UTF8=ACCEPT] Courier-IMAP ready. Copyright 1998-2019 Double Precision, Inc.  See COPYING for distribution information.
C: a1 STARTTLS
S: a1 BAD TLS is already active
C: a2 AUTHENTICATE PLAIN ${PLAIN}
S: a2 OK LOGIN Ok.
C: a3 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a3 OK LOGOUT completed
