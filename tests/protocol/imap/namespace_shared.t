# The shared namespaces appear when shared folders exist: filesystem
# sharing (the Maildir's shared-folders directory) and the virtual ones
# (IMAP_SHAREDINDEXFILE exists).
#! only: stdio
#! mkdir: shared-folders
#! env: IMAP_SHAREDINDEXFILE=/dev/null
C: a1 NAMESPACE
S: * NAMESPACE (("INBOX." ".")) NIL (("#shared." ".")("shared." "."))
S: a1 OK NAMESPACE completed
