# LOGIN with a quoted user name, synchronising literals ("+ OK") and LITERAL+.
#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 LOGIN {5}
S: + OK
C: ${USER} {6}
S: + OK
C: ${PASSWORD}
S: a1 OK LOGIN Ok.
C: a2 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a2 OK LOGOUT completed
