# The whole login phase has a deadline (60 s; 1 s here), commands or not.
#! phase: login
#! only: stdio
#! env: STAFETA_TEST_POP3_LOGIN_DEADLINE=1
S: +OK Hello there.
C: NOOP
S: -ERR Invalid command.
TIMEOUT: 5
S: -ERR Login timeout, closing connection.
ELAPSED>= 0.5
EOF
