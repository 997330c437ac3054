#! mode: smtp
#! only: socket
#! after: alice=1
# STARTTLS through couriertls (RFC 3207): the session starts over, EHLO no
# longer offers STARTTLS, a second STARTTLS is refused, mail is delivered
S: 220 mx.test ESMTP Stafeta
C: EHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-STARTTLS
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: STARTTLS now
S: 501 5.5.4 Syntax: STARTTLS
C: STARTTLS
S: 220 2.0.0 Ready to start TLS
TLS
C: MAIL FROM:<a@example.net>
S: 503 5.5.1 Error: send HELO/EHLO first
C: EHLO client.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: STARTTLS
S: 554 5.5.1 Error: TLS already active
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: over TLS
C: .
S: ~ 250 2\.0\.0 Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
