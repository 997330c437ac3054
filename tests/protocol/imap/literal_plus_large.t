# A LITERAL+ over the in-memory cap is refused, its octets are read and
# dropped, and the next command is in step.
C: a1 CREATE {70000+}
R* 7000 0123456789
R: \r\n
C: a2 NOOP
S: a1 BAD [LIMIT] Literal too large
S: a2 OK NOOP completed
