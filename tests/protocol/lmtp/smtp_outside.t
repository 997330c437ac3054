#! mode: smtp
#! only: stdio
#! env: TCPREMOTEIP=192.0.2.7
#! after: alice=1
# SMTP from outside mynetworks: relaying refused with the short 554 5.7.1,
# local recipients accepted; HELO (not EHLO) gets no extensions
S: 220 mx.test ESMTP Stafeta
C: HELO client.example
S: 250 mx.test
C: MAIL FROM:<a@example.net> BODY=8BITMIME
S: 555 5.5.4 Unsupported option
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<x@relay.example>
S: 554 5.7.1 <x@relay.example>: Relay access denied
C: RCPT TO:<alice@MX.TEST>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: from outside
C: .
S: ~ 250 2\.0\.0 Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
