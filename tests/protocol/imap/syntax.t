# Syntax errors: a tagged BAD with the reason, the session goes on; a
# LITERAL+ behind an error is skipped; ten in a row end the session.
C: a1 CREATE "unterminated
S: a1 BAD Unterminated quoted string
C: a2 CREATE "bad\escape"
S: a2 BAD Invalid escape in quoted string
R: a3 CREATE "x\x01y"\r\n
S: a3 BAD Control character in quoted string
C: a4 LIST (a "" *
S: a4 BAD Missing ) at the end of the command
C: a5 LIST "" ((((((((((((((((((x))))))))))))))))))
S: a5 BAD [LIMIT] Lists nested too deep
C: a6 CREATE "bad\x" {10+}
C: INBOX.skip more {3+}
C: abc end
C: a7 NOOP
S: a6 BAD Invalid escape in quoted string
S: a7 OK NOOP completed
C: a8 CREATE {100000}
S: a8 BAD [LIMIT] Literal too large
C: a9 CREATE {5} extra
S: a9 BAD Literal must end the line
R: b1 NOOP\x00\r\n
S: b1 BAD NUL byte in command
C: b2 NOOP
S: b2 OK NOOP completed
#! after: dirs=
