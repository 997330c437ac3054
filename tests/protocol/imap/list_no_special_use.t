# Without SPECIAL-USE in IMAP_CAPABILITY (Courier's own list) LIST shows
# Courier's attributes only.
#! only: stdio
#! folders: Sent Trash
#! env: IMAP_CAPABILITY=IMAP4rev1,CHILDREN
C: a1 LIST "" *
S: * LIST (\Unmarked \HasChildren) "." "INBOX"
S: * LIST (\HasNoChildren) "." "INBOX.Sent"
S: * LIST (\HasNoChildren) "." "INBOX.Trash"
S: a1 OK LIST completed
C: a2 CAPABILITY
S: * CAPABILITY IMAP4rev1 CHILDREN ENABLE UTF8=ACCEPT
S: a2 OK CAPABILITY completed
