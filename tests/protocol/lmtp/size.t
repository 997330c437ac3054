#! after: alice=1 bob=0
# a body over message_size_limit (20000): 552 for each recipient, nothing
# stored, and the session goes on in step
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: RCPT TO:<bob@example.com>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
R* 1000 0123456789012345678\r\n
C: .
S: 552 5.3.4 Message size exceeds fixed limit
S: 552 5.3.4 Message size exceeds fixed limit
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
R* 952 0123456789012345678\r\n
C: .
S: ~ 250 2\.0\.0 <alice@mx\.test> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
