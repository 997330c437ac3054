# SELECT and EXAMINE: Courier's reply order and texts, \Recent given by the
# session that moves the message from new/ to cur/, READ-ONLY, errors, and
# the state rules of the selected-state commands.
#! messages: new/1700000001.M1P1.test cur/1700000002.M1P1.test:2,S cur/1700000003.M1P1.test:2,FRT
#! folders: Work
C: a0 CLOSE
S: a0 BAD Not valid in this state
C: a0a EXPUNGE
S: a0a BAD Not valid in this state
C: a0b STORE 1 +FLAGS (\Seen)
S: a0b BAD Not valid in this state
C: a0c UNSELECT
S: a0c BAD Not valid in this state
C: a0d CHECK
S: a0d BAD Not valid in this state
C: a1 EXAMINE INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS ()] No permanent flags permitted
S: * 3 EXISTS
S: * 3 RECENT
S: ~ \* OK \[UIDVALIDITY (?P<uv>\d+)\] Ok
S: * OK [MYRIGHTS "lrs"] ACL
S: a1 OK [READ-ONLY] Ok
C: a2 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 1 RECENT
S: * OK [UIDVALIDITY ${uv}] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a2 OK [READ-WRITE] Ok
C: a3 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY ${uv}] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a3 OK [READ-WRITE] Ok
C: a4 SELECT INBOX.Nope
S: a4 NO [NONEXISTENT] Mailbox does not exist
C: a5 CHECK
S: a5 BAD Not valid in this state
C: a6 SELECT Sent
S: a6 NO [CANNOT] Mailbox names are INBOX or INBOX.<name> (the namespace is "INBOX.")
C: a7 SELECT
S: a7 BAD SELECT takes one mailbox name
C: a8 EXAMINE INBOX INBOX
S: a8 BAD EXAMINE takes one mailbox name
C: a9 SELECT inbox.Work
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 0 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a9 OK [READ-WRITE] Ok
C: b1 CHECK
S: b1 OK CHECK completed
C: b2 CHECK x
S: b2 BAD CHECK takes no arguments
C: b3 UNSELECT x
S: b3 BAD UNSELECT takes no arguments
C: b4 UNSELECT
S: b4 OK UNSELECT completed
C: b5 UNSELECT
S: b5 BAD Not valid in this state
C: b6 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: b6 OK LOGOUT completed
