# After login, 300 s without a command end the session (1 s here).
#! only: stdio
#! env: STAFETA_TEST_POP3_IDLE_TIMEOUT=1
#! after: cur=3 new=0
S: +OK logged in.
C: DELE 1
S: +OK Deleted.
TIMEOUT: 5
S: -ERR Disconnected for inactivity.
ELAPSED>= 0.9
EOF
