# An over-long line is refused as a whole and the session stays in step.
R: a1 CREATE INBOX.
R* 70000 x
R: \r\n
S: * BAD [LIMIT] Command line too long
C: a2 NOOP
S: a2 OK NOOP completed
