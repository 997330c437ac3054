# smtpd_timeout (3 s here): an idle client gets 421 4.4.2 and is dropped
TIMEOUT: 10
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
S: 421 4.4.2 mx.test Error: timeout exceeded
ELAPSED>= 2.5
ELAPSED< 8
EOF
