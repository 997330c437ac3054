# An over-long line is refused as a whole and the session stays in step.
R: a1 CREATE INBOX.
R* 70000 x
R: \r\n
S: * BAD [LIMIT] Command line too long
C: a2 NOOP
S: a2 OK NOOP completed
# An over-long line that ends in a LITERAL+ announcement: the literal (which
# here looks like a LOGOUT) and the rest of the command, itself ending in a
# second literal, are skipped; the session stays in step and is not logged out.
R: a3 CREATE INBOX.
R* 70000 y
R: {11+}\r\nb1 LOGOUT\r\n {3+}\r\nzzz)\r\n
S: * BAD [LIMIT] Command line too long
C: a4 NOOP
S: a4 OK NOOP completed
# The same with a synchronising literal: the client waits for a "+" that
# never comes, so nothing is skipped; its next command is served.
R: a5 CREATE INBOX.
R* 70000 z
R: {5}\r\n
S: * BAD [LIMIT] Command line too long
C: a6 NOOP
S: a6 OK NOOP completed
# A literal size the server cannot keep in step with closes the session.
R: a7 CREATE INBOX.
R* 70000 w
R: {99999999999999999999+}\r\n
S: * BYE [LIMIT] Literal too large, closing connection.
