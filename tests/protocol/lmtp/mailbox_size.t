#! only: stdio
#! cf: mailbox_size_limit = 3000
#! after: alice=0 bob=1
# a message larger than mailbox_size_limit (with the trace headers): 552
# 5.2.3 for each recipient, as Postfix's local(8) does
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
R* 100 0123456789012345678901234567890\r\n
C: .
S: 552 5.2.3 <alice@mx.test> Message too large for mailbox
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<bob@example.com>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: small
C: .
S: ~ 250 2\.0\.0 <bob@example\.com> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
