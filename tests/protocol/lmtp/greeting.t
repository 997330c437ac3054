# LMTP greeting, LHLO with its extensions, the commands that work in any state
S: 220 mx.test LMTP Stafeta
C: NOOP
S: 250 2.0.0 Ok
C: LHLO
S: 501 5.5.4 Syntax: LHLO hostname
C: lhlo client.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: HELO client.example
S: 502 5.5.2 Error: command not recognized
C: EHLO client.example
S: 502 5.5.2 Error: command not recognized
C: STARTTLS
S: 502 5.5.2 Error: command not recognized
C: HELP
S: 214 2.0.0 Commands: LHLO MAIL RCPT DATA RSET NOOP QUIT
C: VRFY alice
S: 502 5.5.1 VRFY command is disabled
C: RSET
S: 250 2.0.0 Ok
C: RSET now
S: 501 5.5.4 Syntax: RSET
C: QUIT
S: 221 2.0.0 Bye
