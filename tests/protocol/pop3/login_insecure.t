# From a non-loopback address without TLS: no cleartext passwords, and no
# PLAIN/LOGIN offered (CRAM-MD5 is).
#! phase: login
#! only: stdio
#! env: TCPREMOTEIP=192.0.2.7
S: +OK Hello there.
C: CAPA
S: +OK Here's what I can do:
S: SASL CRAM-MD5
S: STLS
S: TOP
S: USER
S: LOGIN-DELAY 10
S: PIPELINING
S: UIDL
S: UTF8 USER
S: IMPLEMENTATION Courier Mail Server
S: .
C: USER ${USER}
S: -ERR TLS required to log in.
C: PASS ${PASSWORD}
S: -ERR USER/PASS required.
C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
S: -ERR Unsupported authentication mechanism.
C: QUIT
S: +OK Better luck next time.
