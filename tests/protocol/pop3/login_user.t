# USER/PASS, then the TRANSACTION state; commands are case-insensitive.
#! phase: login
#! after: cur=3 new=0
S: +OK Hello there.
C: user ${USER}
S: +OK Password required.
C: pass ${PASSWORD}
S: +OK logged in.
C: STAT
S: +OK 3 152
C: QUIT
S: +OK Bye-bye.
