#! mode: smtp
#! only: socket
# SMTP mode: ESMTP greeting, EHLO with STARTTLS, HELO, LHLO refused
S: 220 mx.test ESMTP Stafeta
C: LHLO client.example
S: 502 5.5.2 Error: command not recognized
C: EHLO client.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-STARTTLS
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: HELP
S: 214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT STARTTLS
C: HELO client.example
S: 250 mx.test
C: MAIL FROM:<a@example.net> SIZE=10
S: 555 5.5.4 Unsupported option
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: STARTTLS
S: 503 5.5.1 Error: MAIL transaction in progress
C: QUIT
S: 221 2.0.0 Bye
