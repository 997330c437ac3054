# CVE-2021-38084: a command pipelined in plaintext after STLS must never run
# inside the TLS session.  The CAPA sent with STLS is dropped: the first
# reply over TLS is QUIT's.
#! phase: login
#! only: socket
S: +OK Hello there.
R: STLS\r\nCAPA\r\n
S: +OK Begin SSL/TLS negotiation now.
TLS
C: QUIT
S: +OK Better luck next time.
