# Ten protocol errors in a row end the session (Courier's limit).
#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 FOO
S: a1 BAD Unknown command, or not valid before login
C: a2 FOO
S: a2 BAD Unknown command, or not valid before login
C: a3 FOO
S: a3 BAD Unknown command, or not valid before login
C: a4 NOOP
S: a4 OK NOOP completed
C: b1 FOO
S: b1 BAD Unknown command, or not valid before login
C: b2 FOO
S: b2 BAD Unknown command, or not valid before login
C: b3 FOO
S: b3 BAD Unknown command, or not valid before login
C: b4 FOO
S: b4 BAD Unknown command, or not valid before login
C: b5 FOO
S: b5 BAD Unknown command, or not valid before login
C: b6 FOO
S: b6 BAD Unknown command, or not valid before login
C: b7 FOO
S: b7 BAD Unknown command, or not valid before login
C: b8 FOO
S: b8 BAD Unknown command, or not valid before login
C: b9 FOO
S: b9 BAD Unknown command, or not valid before login
C: c1 FOO
S: c1 BAD Unknown command, or not valid before login
S: * BYE [ALERT] Fatal error: TOO MANY CONSECUTIVE PROTOCOL VIOLATIONS
