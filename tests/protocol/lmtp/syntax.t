# MAIL and RCPT argument errors: 501 with the right enhanced code, 555 for
# parameters, 552 for a declared SIZE over message_size_limit
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL
S: 501 5.5.4 Syntax: MAIL FROM:<address>
C: MAIL TO:<a@b.example>
S: 501 5.5.4 Syntax: MAIL FROM:<address>
C: MAIL FROM:<a b@example.net>
S: 501 5.1.7 Bad sender address syntax
C: MAIL FROM:<a@example..net>
S: 501 5.1.7 Bad sender address syntax
C: MAIL FROM:<a@example.net
S: 501 5.1.7 Bad sender address syntax
C: MAIL FROM:<a@example.net> SIZE=20001
S: 552 5.3.4 Message size exceeds fixed limit
C: MAIL FROM:<a@example.net> SIZE=big
S: 501 5.5.4 Bad message size syntax
C: MAIL FROM:<a@example.net> SIZE=99999999999999999999999999
S: 501 5.5.4 Bad message size syntax
C: MAIL FROM:<a@example.net> BODY=BINARYMIME
S: 501 5.5.4 Unsupported BODY type
C: MAIL FROM:<a@example.net> RET=HDRS
S: 555 5.5.4 Unsupported option
C: MAIL FROM:<a@example.net> SIZE=20000 BODY=8BITMIME
S: 250 2.1.0 Ok
C: RCPT
S: 501 5.5.4 Syntax: RCPT TO:<address>
C: RCPT TO:<>
S: 501 5.1.3 Bad recipient address syntax
C: RCPT TO:<alice>
S: 501 5.1.3 Bad recipient address syntax
C: RCPT TO:<alice@mx.test> NOTIFY=NEVER
S: 555 5.5.4 Unsupported option
C: RCPT TO:<"alice"@mx.test>
S: 250 2.1.5 Ok
C: QUIT
S: 221 2.0.0 Bye
