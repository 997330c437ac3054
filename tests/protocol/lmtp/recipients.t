#! after: alice=3 bob=2 full=0 alice.Work=1
# recipients: local part for mydestination, whole address for virtual users,
# +detail folders, aliases, unknown users, alias loops, the recipient limit,
# and one reply per accepted recipient after DATA (RFC 2033)
S: 220 mx.test LMTP Stafeta
C: LHLO client.example
S: 250-mx.test
S: 250-PIPELINING
S: 250-SIZE 20000
S: 250-ENHANCEDSTATUSCODES
S: 250 8BITMIME
C: MAIL FROM:<sender@example.net>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@mx.test>
S: 250 2.1.5 Ok
C: RCPT TO:<Alice+Work@LOCALHOST>
S: 250 2.1.5 Ok
C: RCPT TO:<bob@example.com>
S: 250 2.1.5 Ok
C: RCPT TO:<bob@mx.test>
S: 550 5.1.1 <bob@mx.test>: Recipient address rejected: User unknown
C: RCPT TO:<team@mx.test>
S: 250 2.1.5 Ok
C: RCPT TO:<loop1@mx.test>
S: 550 5.4.6 <loop1@mx.test>: Alias expansion loop or limit
C: RCPT TO:<ghost@mx.test>
S: 550 5.1.1 <ghost@mx.test>: Recipient address rejected: User unknown
C: RCPT TO:<alice@elsewhere.example>
S: 550 5.1.1 <alice@elsewhere.example>: Recipient address rejected: User unknown
C: RCPT TO:<postmaster@mx.test>
S: 250 2.1.5 Ok
C: RCPT TO:<alice+nofolder@mx.test>
S: 452 4.5.3 Error: too many recipients
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: recipients
C:
C: body
C: .
S: ~ 250 2\.0\.0 <alice@mx\.test> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: ~ 250 2\.0\.0 <Alice\+Work@localhost> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: ~ 250 2\.0\.0 <bob@example\.com> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: ~ 250 2\.0\.0 <team@mx\.test> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
S: ~ 250 2\.0\.0 <postmaster@mx\.test> Ok: delivered as [0-9A-F]+\.[0-9A-F]+\.[0-9]+
C: QUIT
S: 221 2.0.0 Bye
