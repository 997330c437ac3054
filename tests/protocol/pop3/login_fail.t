# A wrong password: a delay (1 s in the test stack), "-ERR Login failed.";
# PASS without USER; the third failure closes the connection.
#! phase: login
#! env: STAFETA_TEST_POP3_LOGIN_DELAY=1
S: +OK Hello there.
C: PASS ${PASSWORD}
S: -ERR USER/PASS required.
C: USER ${USER}
S: +OK Password required.
C: PASS wrong
TIMEOUT: 10
S: -ERR Login failed.
ELAPSED>= 0.9
C: PASS ${PASSWORD}
S: -ERR USER/PASS required.
C: USER nosuchuser
S: +OK Password required.
C: PASS x
S: -ERR Login failed.
ELAPSED>= 0.9
C: USER ${USER}
S: +OK Password required.
C: PASS alsowrong
S: -ERR Login failed.
S: -ERR Too many failed logins, closing connection.
EOF
