#! after: alice=0
# more than 50 Received: headers is a mail loop: 554 5.4.6, nothing stored;
# a body line over 1 MiB: 552 5.3.4; the session stays in step after both
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
R* 51 Received: from a by b\r\n
C:
C: body
C: .
S: 554 5.4.6 Too many hops: mail loop?
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
R* 1100000 x
C:
C: .
S: 552 5.3.4 Message line too long
C: NOOP
S: 250 2.0.0 Ok
C: QUIT
S: 221 2.0.0 Bye
