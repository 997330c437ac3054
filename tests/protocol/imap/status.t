# STATUS: Courier's items, RECENT = messages still in new/, the selected
# mailbox answered from the session, errors.
#! messages: new/1700000001.M1P1.test cur/1700000002.M1P1.test:2,S cur/1700000003.M1P1.test:2,
#! folders: Work
C: a1 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)
S: ~ \* STATUS "INBOX" \(MESSAGES 3 RECENT 1 UIDNEXT 4 UIDVALIDITY \d+ UNSEEN 2\)
S: a1 OK STATUS Completed.
C: a2 STATUS inbox.Work (unseen messages)
S: * STATUS "INBOX.Work" (UNSEEN 0 MESSAGES 0)
S: a2 OK STATUS Completed.
C: a3 STATUS INBOX.Nope (MESSAGES)
S: a3 NO [NONEXISTENT] Mailbox does not exist
C: a4 STATUS INBOX (SIZE)
S: a4 BAD Unknown STATUS item
C: a5 STATUS INBOX ()
S: a5 BAD STATUS needs a mailbox and a list of items
C: a6 STATUS INBOX MESSAGES
S: a6 BAD STATUS needs a mailbox and a list of items
C: a7 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 1 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a7 OK [READ-WRITE] Ok
C: a8 STATUS INBOX (MESSAGES RECENT UNSEEN MESSAGES)
S: * STATUS "INBOX" (MESSAGES 3 RECENT 0 UNSEEN 2)
S: a8 OK STATUS Completed.
