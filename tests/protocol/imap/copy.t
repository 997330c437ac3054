# COPY, UID COPY, MOVE, UID MOVE: COPYUID, [TRYCREATE], flags and keywords
# kept, the EXPUNGE lines of MOVE, errors.
#! messages: cur/1700000001.M1P1.test:2,S cur/1700000002.M1P1.test:2,F cur/1700000003.M1P1.test:2,
#! folders: Work Trash
C: a0 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 3)
S: a0 OK STATUS Completed.
C: a1 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY (?P<src>\d+)\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a1 OK [READ-WRITE] Ok
C: a2 COPY 1:2 INBOX.Nope
S: a2 NO [TRYCREATE] Mailbox does not exist
C: a3 COPY 1:2 INBOX.Work
S: ~ a3 OK \[COPYUID (?P<dst>\d+) 1:2 1:2\] COPY completed
C: a4 UID COPY 3,1 INBOX.Work
S: a4 OK [COPYUID ${dst} 1,3 3:4] COPY completed
C: a5 COPY 4 INBOX.Work
S: a5 BAD Invalid message sequence number
C: a6 COPY 1 Sent
S: a6 NO [CANNOT] Mailbox names are INBOX or INBOX.<name> (the namespace is "INBOX.")
C: a7 COPY 1
S: a7 BAD COPY needs a sequence set and a mailbox
C: a8 COPY 1 INBOX
S: a8 NO [CANNOT] COPY into the same mailbox is not supported
C: a9 UID COPY 77 INBOX.Work
S: a9 OK COPY completed
C: b1 MOVE 2 INBOX.Trash
S: ~ \* OK \[COPYUID (?P<tr>\d+) 2 1\] Moved
S: * 2 EXPUNGE
S: b1 OK MOVE completed
C: b2 UID MOVE 1:* INBOX.Trash
S: * OK [COPYUID ${tr} 1,3 2:3] Moved
S: * 2 EXPUNGE
S: * 1 EXPUNGE
S: b2 OK MOVE completed
C: b3 MOVE 1 INBOX.Trash
S: b3 BAD Invalid message sequence number
C: b4 SELECT INBOX.Trash
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY ${tr}] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: b4 OK [READ-WRITE] Ok
C: b5 STATUS INBOX.Work (MESSAGES UIDNEXT UNSEEN)
S: * STATUS "INBOX.Work" (MESSAGES 4 UIDNEXT 5 UNSEEN 2)
S: b5 OK STATUS Completed.
#! after: inbox-cur=0
