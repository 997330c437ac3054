#! after: full=0 alice=1
# quota from userdb (quota=1000S): 452 4.2.2 for that recipient only
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<full@mx.test>
S: 250 2.1.5 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
R* 60 a line of text to fill the quota\r\n
C: .
S: 452 4.2.2 <full@mx.test> Mailbox full
S: ~ 250 2\.0\.0 <alice@mx\.test> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
