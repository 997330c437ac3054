# STLS, then CAPA (POP3AUTH_TLS, no STLS), then a login over TLS.
#! phase: login
#! only: socket
S: +OK Hello there.
C: STLS
S: +OK Begin SSL/TLS negotiation now.
TLS
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
C: RETR 1
S: +OK 45 octets follow.
S: From: a@example.com
S: Subject: three
S:
S: body
S: .
C: QUIT
S: +OK Bye-bye.
