# STAT, LIST, UIDL, NOOP, RSET, QUIT on three messages (one already in cur/,
# two in new/: moved to cur/ at login).  Order: by the leading timestamp.
#! after: cur=3 new=0
S: +OK logged in.
C: STAT
S: +OK 3 152
C: LIST
S: +OK POP3 clients that break here, they violate STD53.
S: 1 45
S: 2 51
S: 3 56
S: .
C: LIST 2
S: +OK 2 51
C: list 3
S: +OK 3 56
C: UIDL
S: +OK
S: ~ 1 UID1-(?P<uidv>[0-9]+)
S: 2 UID2-${uidv}
S: 3 UID3-${uidv}
S: .
C: UIDL 3
S: +OK 3 UID3-${uidv}
C: NOOP
S: +OK Yup.
C: UTF8
S: +OK UTF8 enabled
C: RSET
S: +OK Resurrected.
C: QUIT
S: +OK Bye-bye.
