# DELE marks, RSET undoes, QUIT (UPDATE state) removes; a deleted message is
# gone from STAT/LIST/UIDL and cannot be read or deleted again.
#! after: cur=2 new=0
S: +OK logged in.
C: DELE 1
S: +OK Deleted.
C: DELE 1
S: -ERR Invalid message number.
C: RETR 1
S: -ERR Invalid message number.
C: TOP 1 0
S: -ERR Invalid message number.
C: LIST 1
S: -ERR Invalid message number.
C: UIDL 1
S: -ERR Invalid message number.
C: STAT
S: +OK 2 107
C: LIST
S: +OK POP3 clients that break here, they violate STD53.
S: 2 51
S: 3 56
S: .
C: RSET
S: +OK Resurrected.
C: STAT
S: +OK 3 152
C: DELE 2
S: +OK Deleted.
C: QUIT
S: +OK Bye-bye.
