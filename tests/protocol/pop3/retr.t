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
S: -ERR Invalid line count: digits only (no sign), at most 2^63-1.
C: TOP 2 x
S: -ERR Invalid line count: digits only (no sign), at most 2^63-1.
C: TOP 2 99999999999999999999
S: -ERR Invalid line count: digits only (no sign), at most 2^63-1.
C: TOP 2 +1
S: -ERR Invalid line count: digits only (no sign), at most 2^63-1.
C: TOP 2  1
S: -ERR Invalid line count: digits only (no sign), at most 2^63-1.
C: RETR 2x
S: -ERR Invalid message number: digits only, after one space.
C: RETR  2
S: -ERR Invalid message number: digits only, after one space.
C: TOP 2x 1
S: -ERR Invalid message number: digits only, after one space.
C: TOP 2
S: -ERR Invalid command.
C: TOP
S: -ERR Invalid message number: digits only, after one space.
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
