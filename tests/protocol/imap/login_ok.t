# LOGIN: imapd answers the tag after its start-up checks; the capability
# list after the login has no STARTTLS, AUTH= or SASL-IR.
#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 LOGIN ${USER} ${PASSWORD}
S: a1 OK LOGIN Ok.
C: a2 CAPABILITY
S: * CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE UTF8=ACCEPT
S: a2 OK CAPABILITY completed
C: a3 LOGIN ${USER} ${PASSWORD}
S: a3 BAD Already logged in
C: a4 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a4 OK LOGOUT completed
