#! phase: login
S: ~ \* OK \[CAPABILITY .*
C: a1 LOGIN "${USER}" {6+}
C: ${PASSWORD}
S: a1 OK LOGIN Ok.
C: a2 NAMESPACE
S: * NAMESPACE (("INBOX." ".")) NIL NIL
S: a2 OK NAMESPACE completed
