# SASL (RFC 5034): PLAIN with an initial response, PLAIN and LOGIN with
# challenges, "*" aborts, unknown and missing mechanisms.
#! phase: login
S: +OK Hello there.
C: AUTH
S: -ERR Invalid command.
C: AUTH GSSAPI
S: -ERR Unsupported authentication mechanism.
C: AUTH CRAM-SHA256
S: -ERR Unsupported authentication mechanism.
C: AUTH PLAIN
S: ~ \+ ?
C: *
S: -ERR Authentication aborted.
C: AUTH LOGIN
S: ~ \+ .*
C: YWxpY2U=
S: ~ \+ .*
C: *
S: -ERR Authentication aborted.
C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
S: +OK logged in.
C: STAT
S: +OK 3 152
C: QUIT
S: +OK Bye-bye.
