# The pre-auth time limit counts from the connection, not per command
# (Courier's 60 s alarm; 2 s here): NOOPs do not extend it.
#! phase: login
#! only: stdio
#! env: STAFETA_TEST_IMAP_LOGIN_DEADLINE=2
S: ~ \* OK \[CAPABILITY .*
WAIT: 1
C: a1 NOOP
S: a1 OK NOOP completed
TIMEOUT: 5
S: * BYE Login timeout, closing connection.
ELAPSED>= 0.5
ELAPSED< 2
