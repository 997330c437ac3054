# POP3_TLS_REQUIRED=1: no login before STLS, even from loopback.
#! phase: login
#! only: stdio
#! env: POP3_TLS_REQUIRED=1
S: +OK Hello there.
C: USER ${USER}
S: -ERR TLS required to log in.
C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
S: -ERR TLS required to log in.
C: QUIT
S: +OK Better luck next time.
