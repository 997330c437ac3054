# Dot-stuffing on every line (the first too), an empty message, CRLF kept as
# CR CR LF (Courier's bytes), TOP when the blank line is "\r".
#! fixture: dots
S: +OK logged in.
C: LIST
S: +OK POP3 clients that break here, they violate STD53.
S: 1 19
S: 2 0
S: 3 17
S: .
C: RETR 1
S: +OK 19 octets follow.
S: ..
S: ...
S: ..x
S:
S: b
S: ..
S: .
C: RETR 2
S: +OK 0 octets follow.
S:
S: .
C: RETR 3
S: +OK 17 octets follow.
S: ~ H: 1\r
S: ~ \r
S: ~ body\r
S: .
C: TOP 3 0
S: +OK headers follow.
S: ~ H: 1\r
S: ~ \r
S: ~ body\r
S: .
C: QUIT
S: +OK Bye-bye.
