# RENAME moves a folder and its sub-folders and updates subscriptions.
#! folders: A A.B A.B.C D
#! subscribed: A A.B D
C: a1 RENAME INBOX.A INBOX.Z
S: a1 OK RENAME completed
C: a2 RENAME INBOX.nothere INBOX.Y
S: a2 NO [NONEXISTENT] Mailbox does not exist
C: a3 RENAME INBOX.Z INBOX.D
S: a3 NO [ALREADYEXISTS] Mailbox already exists
C: a4 RENAME INBOX.Z INBOX
S: a4 NO [ALREADYEXISTS] INBOX always exists
C: a5 RENAME INBOX.Z INBOX.Z.sub
S: a5 NO [CANNOT] Cannot rename a folder to itself or below itself
C: a6 RENAME INBOX.Z
S: a6 BAD RENAME takes two mailbox names
C: a7 RENAME INBOX.D Elsewhere
S: a7 NO [CANNOT] Mailbox names are INBOX or INBOX.<name> (the namespace is "INBOX.")
C: a8 LSUB "" *
S: * LSUB () "." "INBOX.Z"
S: * LSUB () "." "INBOX.Z.B"
S: * LSUB () "." "INBOX.D"
S: a8 OK LSUB completed
#! after: dirs=.D,.Z,.Z.B,.Z.B.C subscribed=INBOX.Z,INBOX.Z.B,INBOX.D
