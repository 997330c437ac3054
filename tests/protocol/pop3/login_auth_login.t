# SASL LOGIN all the way (lower-case mechanism name).
#! phase: login
S: +OK Hello there.
C: auth login
S: ~ \+ .*
C: YWxpY2U=
S: ~ \+ .*
C: c2VjcmV0
S: +OK logged in.
C: QUIT
S: +OK Bye-bye.
