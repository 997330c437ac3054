# Other pre-auth commands: TRANSACTION commands are invalid, UTF8, NUL,
# over-long lines; the session goes on.
#! phase: login
S: +OK Hello there.
C: STAT
S: -ERR Invalid command.
C: NOOP
S: -ERR Invalid command.
C: RETR 1
S: -ERR Invalid command.
C:
S: -ERR Invalid command.
R: USER a\0b\r\n
S: -ERR Invalid command.
R* 10000 A
R: \r\n
S: -ERR Command line too long.
C: UTF8
S: +OK UTF8 enabled
C: QUIT
S: +OK Better luck next time.
EOF
