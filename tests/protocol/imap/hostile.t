# Hostile input: every cap is a BAD with the reason and the session goes on.
R: a1 LIST "" (((((((((((((((((((((((((((((((((((((((((((((((((((
R: \r\n
S: a1 BAD [LIMIT] Lists nested too deep
R: a2 X
R* 5000  a
R: \r\n
S: a2 BAD [LIMIT] Too many arguments
C: a3 CREATE {4294967296}
S: a3 BAD [LIMIT] Literal size too large
C: a4 CREATE {99999999999999999999}
S: a4 BAD [LIMIT] Literal size too large
C: a5 CREATE {65537}
S: a5 BAD [LIMIT] Literal too large
C: a5a NOOP
S: a5a OK NOOP completed
C: a6 FETCH 1 BODY[HEADER.FIELDS (A B)
S: a6 BAD Missing ] in atom
C: a7 CREATE {5
S: a7 BAD Invalid literal
C: a8 CREATE {}
S: a8 BAD Invalid literal size
C: a9 CREATE "\"
S: a9 BAD Unterminated quoted string
R: b1 CREATE "\xff"\r\n
S: b1 BAD 8-bit character in quoted string
R: \xff\xfe NOOP\r\n
S: * BAD Missing or invalid tag
C: b2 NOOP
S: b2 OK NOOP completed
