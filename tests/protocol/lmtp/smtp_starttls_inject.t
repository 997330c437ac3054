#! mode: smtp
#! only: socket
# commands pipelined after STARTTLS in plaintext are thrown away, never run
# inside the TLS session (the CVE-2011-0411 class of bugs)
S: 220 mx.test ESMTP Stafeta
C: EHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-STARTTLS
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
R: STARTTLS\r\nMAIL FROM:<injected@example.net>\r\n
S: 220 2.0.0 Ready to start TLS
TLS
C: NOOP
S: 250 2.0.0 Ok
C: MAIL FROM:<a@example.net>
S: 503 5.5.1 Error: send HELO/EHLO first
C: QUIT
S: 221 2.0.0 Bye
