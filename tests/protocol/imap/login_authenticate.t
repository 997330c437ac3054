# AUTHENTICATE PLAIN with an initial response (SASL-IR), with a
# continuation, aborted with "*", and a wrong password.
#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 AUTHENTICATE PLAIN
S: + 
C: *
S: a1 BAD AUTHENTICATE aborted.
C: a2 AUTHENTICATE PLAIN AHdyb25nAHdyb25n
S: a2 NO Login failed.
C: a3 AUTHENTICATE PLAIN
S: + 
C: ${PLAIN}
S: a3 OK LOGIN Ok.
C: a4 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a4 OK LOGOUT completed
