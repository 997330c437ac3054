#! after: alice=2 bob=1
# RFC 2920: a whole transaction in one write, replies in order; then a
# second transaction pipelined after the first DATA in the same write
S: 220 mx.test LMTP Stafeta
R: LHLO client.example\r\nMAIL FROM:<a@example.net> SIZE=30\r\nRCPT TO:<alice@mx.test>\r\nRCPT TO:<nobody@mx.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nSubject: one\r\n\r\n.\r\nMAIL FROM:<> BODY=7BIT\r\nRCPT TO:<alice@localhost>\r\nDATA\r\n..x\r\n.\r\nNOOP\r\nQUIT\r\n
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
S: 250 2.1.0 Ok
S: 250 2.1.5 Ok
S: 550 5.1.1 <nobody@mx.test>: Recipient address rejected: User unknown
S: 250 2.1.5 Ok
S: 354 End data with <CR><LF>.<CR><LF>
S: ~ 250 2\.0\.0 <alice@mx\.test> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: ~ 250 2\.0\.0 <bob@example\.com> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: 250 2.1.0 Ok
S: 250 2.1.5 Ok
S: 354 End data with <CR><LF>.<CR><LF>
S: ~ 250 2\.0\.0 <alice@localhost> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: 250 2.0.0 Ok
S: 221 2.0.0 Bye
