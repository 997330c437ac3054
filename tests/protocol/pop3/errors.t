# Every kind of bad input gets a -ERR with a reason and the session goes on.
S: +OK logged in.
C: XYZZY
S: -ERR Invalid command.
C:
S: -ERR Invalid command.
C: USER alice
S: -ERR Invalid command.
C: PASS secret
S: -ERR Invalid command.
C: AUTH PLAIN
S: -ERR Invalid command.
C: STLS
S: -ERR Invalid command.
C: LIST 0
S: -ERR Invalid message number.
C: LIST 4
S: -ERR Invalid message number.
C: LIST a
S: -ERR Invalid message number: digits only, after one space.
C: LIST -1
S: -ERR Invalid message number: digits only, after one space.
C: LIST 99999999999999999999999999
S: -ERR Invalid message number: digits only, after one space.
C: RETR
S: -ERR Invalid message number: digits only, after one space.
C: DELE x
S: -ERR Invalid message number: digits only, after one space.
C: LIST  1
S: -ERR Invalid message number: digits only, after one space.
C: LIST 1x
S: -ERR Invalid message number: digits only, after one space.
C: LIST 01 junk
S: -ERR Invalid message number: digits only, after one space.
C: LIST 01
S: +OK 1 45
R: STAT\0\r\n
S: -ERR Invalid command.
R: S\xffAT\r\n
S: -ERR Invalid command.
R: NOOP\n
S: +OK Yup.
R* 9000 x
R: \r\n
S: -ERR Command line too long.
C: STAT
S: +OK 3 152
C: QUIT
S: +OK Bye-bye.
