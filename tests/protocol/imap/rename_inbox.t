# RENAME INBOX (RFC 3501 6.3.5): its messages move to the new folder, INBOX
# stays and is empty, its sub-folders stay where they are.
#! folders: Sub
#! messages: cur/1700000001.M1P1.a:2,S new/1700000002.M1P1.b
C: a1 RENAME INBOX INBOX.Old
S: a1 OK RENAME completed
C: a2 LIST "" *
S: * LIST (\Unmarked \HasChildren) "." "INBOX"
S: * LIST (\HasNoChildren) "." "INBOX.Old"
S: * LIST (\HasNoChildren) "." "INBOX.Sub"
S: a2 OK LIST completed
C: a3 RENAME INBOX INBOX.Sub
S: a3 NO [ALREADYEXISTS] Mailbox already exists
#! after: dirs=.Old,.Sub inbox-cur=0 inbox-new=0
