#! only: stdio
#! env: AUTHDAEMONVAR=/nonexistent-authdaemon-dir
#! after: alice=0
# authdaemond cannot be reached: 451 4.3.0, never 550 (the MTA retries)
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 451 4.3.0 <alice@mx.test>: Temporary lookup failure
C: RCPT TO:<bob@example.com>
S: 451 4.3.0 <bob@example.com>: Temporary lookup failure
C: DATA
S: 503 5.5.1 Error: no valid recipients
C: QUIT
S: 221 2.0.0 Bye
