# DELETE: a trailing '.' is accepted; INBOX and Trash cannot be deleted;
# sub-folders stay (and the parent becomes a \Noselect level).
#! folders: A A.B Trash C
C: a1 DELETE INBOX.A
S: a1 OK DELETE completed
C: a2 LIST "" *
S: * LIST (\Unmarked \HasChildren) "." "INBOX"
S: * LIST (\Noselect \HasChildren) "." "INBOX.A"
S: * LIST (\HasNoChildren) "." "INBOX.A.B"
S: * LIST (\HasNoChildren) "." "INBOX.C"
S: * LIST (\HasNoChildren \Trash) "." "INBOX.Trash"
S: a2 OK LIST completed
C: a3 DELETE INBOX.A
S: a3 NO [NONEXISTENT] Mailbox does not exist
C: a4 DELETE INBOX
S: a4 NO [CANNOT] INBOX cannot be deleted
C: a5 DELETE INBOX.Trash
S: a5 NO [CANNOT] The Trash folder cannot be deleted
C: a6 DELETE INBOX.C.
S: a6 OK DELETE completed
C: a7 DELETE INBOX.nothere
S: a7 NO [NONEXISTENT] Mailbox does not exist
C: a8 DELETE
S: a8 BAD DELETE takes one mailbox name
C: a9 DELETE Other
S: a9 NO [CANNOT] Mailbox names are INBOX or INBOX.<name> (the namespace is "INBOX.")
#! after: dirs=.A.B,.Trash
