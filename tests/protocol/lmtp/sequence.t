# no MAIL before LHLO, no RCPT before MAIL, no DATA before a RCPT
S: 220 mx.test LMTP Stafeta
C: MAIL FROM:<sender@example.net>
S: 503 5.5.1 Error: send LHLO first
C: RCPT TO:<alice@mx.test>
S: 503 5.5.1 Error: send LHLO first
C: DATA
S: 503 5.5.1 Error: send LHLO first
C: LHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: RCPT TO:<alice@mx.test>
S: 503 5.5.1 Error: need MAIL command
C: DATA
S: 503 5.5.1 Error: need MAIL command
C: MAIL FROM:<sender@example.net>
S: 250 2.1.0 Ok
C: MAIL FROM:<sender@example.net>
S: 503 5.5.1 Error: nested MAIL command
C: DATA
S: 503 5.5.1 Error: need RCPT command
C: RCPT TO:<nobody@mx.test>
S: 550 5.1.1 <nobody@mx.test>: Recipient address rejected: User unknown
C: DATA
S: 503 5.5.1 Error: no valid recipients
C: DATA now
S: 501 5.5.4 Syntax: DATA
C: RSET
S: 250 2.0.0 Ok
C: RCPT TO:<alice@mx.test>
S: 503 5.5.1 Error: need MAIL command
C: LHLO again.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: QUIT
S: 221 2.0.0 Bye
