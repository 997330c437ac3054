# RETR and TOP: exact bytes, dot-stuffing, a last line without LF, TOP's
# header/body split and line counts (Courier's readings of odd counts).
S: +OK logged in.
C: RETR 1
S: +OK 45 octets follow.
S: From: a@example.com
S: Subject: three
S:
S: body
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
C: TOP 2 0
S: +OK headers follow.
S: From: a@example.com
S: Subject: two
S:
S: .
C: TOP 2 1
S: +OK headers follow.
S: From: a@example.com
S: Subject: two
S:
S: body
S: .
C: TOP 2 99
S: +OK headers follow.
S: From: a@example.com
S: Subject: two
S:
S: body
S: more
S:
S: .
C: TOP 2 -1
S: +OK headers follow.
S: From: a@example.com
S: Subject: two
S:
S: body
S: more
S:
S: .
C: TOP 2 x
S: +OK headers follow.
S: From: a@example.com
S: Subject: two
S:
S: .
C: TOP 2
S: -ERR Invalid command.
C: TOP
S: -ERR Invalid message number.
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
