#! mode: smtp
#! only: socket
#! after: alice=2 bob=1
# not a relay: other domains are refused (even from mynetworks), local and
# virtual_mailbox_domains recipients are accepted, one reply after DATA;
# a mailbox that is already full is refused at RCPT (452 4.2.2) in SMTP
S: 220 mx.test ESMTP Stafeta
C: EHLO client.example
S: ~ 250-mx\.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-STARTTLS
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<someone@gmail.example>
S: 554 5.7.1 <someone@gmail.example>: Relay access denied: this server only accepts mail for its own domains
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: RCPT TO:<carol@example.com>
S: 550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown
C: RCPT TO:<bob@example.com>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: smtp
C:
C: hello
C: .
S: ~ 250 2\.0\.0 Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: MAIL FROM:<a@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<full@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
R* 60 a line of text to fill the quota\r\n
C: .
S: 452 4.2.2 Mailbox full
C: MAIL FROM:<a@example.net> SIZE=2040
S: 250 2.1.0 Ok
C: RCPT TO:<full@mx.test>
S: 452 4.2.2 <full@mx.test>: Mailbox full
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: the others still get it
C: .
S: ~ 250 2\.0\.0 Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
