#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 authenticate plain ${PLAIN}
S: a1 OK LOGIN Ok.
C: a2 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a2 OK LOGOUT completed
