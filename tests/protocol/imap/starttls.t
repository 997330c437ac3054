# STARTTLS through couriertls; afterwards IMAP_CAPABILITY_TLS applies
# (AUTH=PLAIN) and STARTTLS is no longer offered.
#! phase: login
#! only: socket
S: ~ \* OK \[CAPABILITY .* STARTTLS UTF8=ACCEPT\] .*
C: a1 STARTTLS
S: a1 OK Begin SSL/TLS negotiation now.
TLS
C: a2 CAPABILITY
S: * CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE SASL-IR AUTH=PLAIN UTF8=ACCEPT
S: a2 OK CAPABILITY completed
C: a3 STARTTLS
S: a3 BAD TLS is already active
C: a4 LOGIN ${USER} ${PASSWORD}
S: a4 OK LOGIN Ok.
C: a5 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a5 OK LOGOUT completed
