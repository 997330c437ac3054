# POP3S (implicit TLS): no STLS offered, login and RETR inside TLS.
#! phase: login
#! only: socket
#! tls: implicit
S: +OK Hello there.
C: CAPA
S: +OK Here's what I can do:
S: SASL PLAIN LOGIN
S: TOP
S: USER
S: LOGIN-DELAY 10
S: PIPELINING
S: UIDL
S: UTF8 USER
S: IMPLEMENTATION Courier Mail Server
S: .
C: STLS
S: -ERR TLS already active.
C: USER ${USER}
S: +OK Password required.
C: PASS ${PASSWORD}
S: +OK logged in.
C: STAT
S: +OK 3 152
C: QUIT
S: +OK Bye-bye.
