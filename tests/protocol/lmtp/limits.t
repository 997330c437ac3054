# an over-long command line is refused and the session stays in step; bad
# commands up to smtpd_hard_error_limit (20) end the session with 421
S: 220 mx.test LMTP Stafeta
R* 3000 X
C:
S: 500 5.5.2 Error: line too long
C: NOOP
S: 250 2.0.0 Ok
R: \x00\xff\r\n
S: 502 5.5.2 Error: command not recognized
C:
S: 500 5.5.2 Error: bad syntax
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: MAIL FROM:<a@b.example>
S: 503 5.5.1 Error: send LHLO first
C: 123
S: 502 5.5.2 Error: command not recognized
C: BDAT 10 LAST
S: 502 5.5.2 Error: command not recognized
C: AUTH PLAIN
S: 502 5.5.2 Error: command not recognized
C: ETRN x
S: 502 5.5.2 Error: command not recognized
C: TURN
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
C: XYZZY
S: 502 5.5.2 Error: command not recognized
S: 421 4.7.0 mx.test Error: too many errors
