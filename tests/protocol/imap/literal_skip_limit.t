# A LITERAL+ too large to skip after a refusal ends the session: reading
# 16 MiB of junk is the most a refused command may cost.
C: a1 CREATE "\x" {16777217+}
S: * BYE [LIMIT] Literal too large, closing connection.
