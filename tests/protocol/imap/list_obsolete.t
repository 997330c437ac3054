# IMAP_OBSOLETE_CLIENT=1: \Noinferiors where \HasNoChildren is meant;
# IMAP_CHECK_ALL_FOLDERS=1: \Marked/\Unmarked on every folder.
#! only: stdio
#! folders: A
#! env: IMAP_OBSOLETE_CLIENT=1 IMAP_CHECK_ALL_FOLDERS=1
C: a1 LIST "" *
S: * LIST (\Unmarked \HasChildren) "." "INBOX"
S: * LIST (\Unmarked \Noinferiors) "." "INBOX.A"
S: a1 OK LIST completed
