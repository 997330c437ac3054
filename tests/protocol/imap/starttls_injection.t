# Plaintext pipelined behind STARTTLS is discarded, never executed
# (CVE-2021-38084 for POP3).
#! phase: login
#! only: socket
S: ~ \* OK \[CAPABILITY .*
R: a1 STARTTLS\r\na2 CREATE INBOX.injected\r\n
S: a1 OK Begin SSL/TLS negotiation now.
TLS
C: a3 NOOP
S: a3 OK NOOP completed
C: a4 LOGIN ${USER} ${PASSWORD}
S: a4 OK LOGIN Ok.
C: a5 LIST "" *
S: * LIST (\Unmarked \HasNoChildren) "." "INBOX"
S: a5 OK LIST completed
#! after: dirs=
