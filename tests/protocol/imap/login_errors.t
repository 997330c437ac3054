# imaplogin: every argument error gets a tagged BAD with the reason and the
# session goes on; commands of the authenticated state are refused.
#! phase: login
S: ~ \* OK \[CAPABILITY .*\] Courier-IMAP ready\..*
C: a1 SELECT INBOX
S: a1 BAD Unknown command, or not valid before login
C: a1a CREATE INBOX.x
S: a1a BAD Unknown command, or not valid before login
C: a1b LIST "" *
S: a1b BAD Unknown command, or not valid before login
C: a1c NAMESPACE
S: a1c BAD Unknown command, or not valid before login
C: a2 CAPABILITY x
S: a2 BAD CAPABILITY takes no arguments
C: a3 NOOP x
S: a3 BAD NOOP takes no arguments
C: a4 LOGIN onlyuser
S: a4 BAD LOGIN needs a user name and a password
C: a5 LOGIN (a) b
S: a5 BAD LOGIN needs a user name and a password
C: a6 ID (\"name\")
S: a6 BAD Missing space between arguments
C: a7 ID ("name")
S: a7 BAD ID takes NIL or a list of field/value strings
C: a8 AUTHENTICATE
S: a8 BAD AUTHENTICATE needs a mechanism name and at most an initial response
C: a9 AUTHENTICATE X-UNKNOWN
S: a9 NO [CANNOT] Unsupported authentication mechanism.
C: b1 LOGOUT x
S: b1 BAD LOGOUT takes no arguments
C: b2 STARTTLS x
S: b2 BAD STARTTLS takes no arguments
C: b3 NOOP  
S: b3 BAD Extra space
C: b3a NOOP 
S: b3a BAD Trailing space
C: b4 "NOOP"
S: ~ b4 BAD .*
C: NOOP
S: NOOP BAD Missing command
C: +x NOOP
S: * BAD Missing or invalid tag
C: b5 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: b5 OK LOGOUT completed
