#! mkdir: shared-folders
C: a1 NAMESPACE
S: * NAMESPACE (("INBOX." ".")) NIL (("shared." "."))
S: a1 OK NAMESPACE completed
C: a2 LIST "" *
S: * LIST (\Unmarked \HasNoChildren) "." "INBOX"
S: a2 OK LIST completed
