# pop3d builds the reply of message n+1 while it waits after RETR n: the
# RETR that follows gets the same bytes; DELE, RSET and out-of-order RETRs
# in between change nothing of what a client sees.
S: +OK logged in.
C: RETR 1
S: +OK 45 octets follow.
S: From: a@example.com
S: Subject: three
S:
S: body
S: .
C: DELE 2
S: +OK Deleted.
C: RETR 2
S: -ERR Invalid message number.
C: RSET
S: +OK Resurrected.
C: RETR 2
S: +OK 51 octets follow.
S: From: a@example.com
S: Subject: two
S:
S: body
S: more
S:
S: .
C: RETR 3
S: +OK 56 octets follow.
S: From: a@example.com
S: Subject: one
S:
S: line1
S: ..dot
S: last
S: .
C: RETR 3
S: +OK 56 octets follow.
S: From: a@example.com
S: Subject: one
S:
S: line1
S: ..dot
S: last
S: .
C: RETR 1
S: +OK 45 octets follow.
S: From: a@example.com
S: Subject: three
S:
S: body
S: .
C: TOP 2 1
S: +OK headers follow.
S: From: a@example.com
S: Subject: two
S:
S: body
S: .
C: RETR 2
S: +OK 51 octets follow.
S: From: a@example.com
S: Subject: two
S:
S: body
S: more
S:
S: .
C: QUIT
S: +OK Bye-bye.
