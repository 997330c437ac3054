C: a1 FOO
S: a1 BAD Unknown command
C: a2 FOO
S: a2 BAD Unknown command
C: a3 FOO
S: a3 BAD Unknown command
C: a4 FOO
S: a4 BAD Unknown command
C: a5 FOO
S: a5 BAD Unknown command
C: a6 NOOP
S: a6 OK NOOP completed
C: b1 FOO
S: b1 BAD Unknown command
C: b2 NOOP x
S: b2 BAD NOOP takes no arguments
C: b3 "
S: b3 BAD Missing command
C: b4 FOO
S: b4 BAD Unknown command
C: b5 FOO
S: b5 BAD Unknown command
C: b6 FOO
S: b6 BAD Unknown command
C: b7 FOO
S: b7 BAD Unknown command
C: b8 FOO
S: b8 BAD Unknown command
C: b9 FOO
S: b9 BAD Unknown command
C: c1 FOO
S: c1 BAD Unknown command
S: * BYE [ALERT] Fatal error: TOO MANY CONSECUTIVE PROTOCOL VIOLATIONS
