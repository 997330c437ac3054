#! after: alice=0
# a client that stops in the middle of DATA: 421, and nothing is delivered
TIMEOUT: 10
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
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: never finished
S: 421 4.4.2 mx.test Error: timeout exceeded
EOF
