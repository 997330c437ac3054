# After the login: CAPABILITY, NOOP, ID, NAMESPACE (Courier's reply),
# ENABLE, LOGOUT; state rules and argument errors.
C: a1 CAPABILITY
S: * CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE UTF8=ACCEPT
S: a1 OK CAPABILITY completed
C: a2 NOOP
S: a2 OK NOOP completed
C: a3 NAMESPACE
S: * NAMESPACE (("INBOX." ".")) NIL NIL
S: a3 OK NAMESPACE completed
C: a4 ID ("name" "x")
S: * ID ("name" "Courier-IMAP")
S: a4 OK ID completed
C: a5 LOGIN a b
S: a5 BAD Already logged in
C: a6 AUTHENTICATE PLAIN
S: a6 BAD Already logged in
C: a7 STARTTLS
S: a7 BAD Already logged in
C: a8 XYZZY
S: a8 BAD Unknown command
C: a9 UID CREATE INBOX.x
S: a9 BAD UID not valid with this command
C: b1 UID
S: b1 BAD UID needs a command
C: b1a NOOP
S: b1a OK NOOP completed
C: b2 NAMESPACE x
S: b2 BAD NAMESPACE takes no arguments
C: b3 CAPABILITY x
S: b3 BAD CAPABILITY takes no arguments
C: b4 NOOP x
S: b4 BAD NOOP takes no arguments
C: b5 ID
S: b5 BAD ID takes NIL or a list of field/value strings
C: b6 LOGOUT x
S: b6 BAD LOGOUT takes no arguments
C: b7 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: b7 OK LOGOUT completed
