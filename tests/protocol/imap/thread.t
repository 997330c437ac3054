# SORT and THREAD (RFC 5256) with their UID forms: ORDEREDSUBJECT and
# REFERENCES over missing parents, a duplicate and a missing Message-ID,
# In-Reply-To with junk, subject merging of Re:/Fwd:; every SORT key with
# REVERSE and ties by sequence number; the errors before anything is sent.
#! files: cur/1700000001.M1P1.test:2,=msgs/thread1.eml cur/1700000002.M2P1.test:2,=msgs/thread2.eml cur/1700000003.M3P1.test:2,=msgs/thread3.eml cur/1700000004.M4P1.test:2,=msgs/thread4.eml cur/1700000005.M5P1.test:2,=msgs/thread5.eml cur/1700000006.M6P1.test:2,=msgs/thread6.eml cur/1700000007.M7P1.test:2,=msgs/thread7.eml
C: a0 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 7)
S: a0 OK STATUS Completed.
C: a1 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 7 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a1 OK [READ-WRITE] Ok
C: a2 THREAD ORDEREDSUBJECT UTF-8 ALL
S: * THREAD (6 (1)(2)(3)(7))(4 5)
S: a2 OK THREAD completed
C: a3 THREAD REFERENCES UTF-8 ALL
S: * THREAD ((4)(5))(1 (6)(2)(3)(7))
S: a3 OK THREAD completed
C: a4 UID THREAD REFERENCES US-ASCII NOT FROM u5
S: * THREAD (4)(1 (6)(2)(3)(7))
S: a4 OK THREAD completed
C: a5 THREAD references utf-8 SUBJECT nomatch
S: * THREAD
S: a5 OK THREAD completed
C: a6 SORT (SUBJECT) UTF-8 ALL
S: * SORT 4 5 1 2 3 6 7
S: a6 OK SORT completed
C: a7 SORT (REVERSE DATE) UTF-8 ALL
S: * SORT 7 5 3 2 1 4 6
S: a7 OK SORT completed
C: a8 SORT (FROM REVERSE ARRIVAL) UTF-8 ALL
S: * SORT 1 2 3 4 5 6 7
S: a8 OK SORT completed
C: a9 UID SORT (SIZE DATE) UTF-8 SUBJECT topic
S: * SORT 6 1 7 2 3
S: a9 OK SORT completed
C: b1 SORT (DISPLAYFROM TO CC) UTF-8 OR 1:2 6
S: * SORT 1 2 6
S: b1 OK SORT completed
C: b2 SORT (BOGUS) UTF-8 ALL
S: b2 BAD Invalid sort criterion
C: b3 SORT (REVERSE) UTF-8 ALL
S: b3 BAD REVERSE must be followed by a sort criterion
C: b4 SORT (DATE) ALL
S: b4 BAD A charset and search keys expected
C: b5 THREAD XYZ UTF-8 ALL
S: b5 BAD Unknown THREAD algorithm
C: b6 SORT DATE UTF-8 ALL
S: b6 BAD SORT needs a list of sort criteria
C: b7 SORT (DATE) X-BAD ALL
S: b7 NO [BADCHARSET (US-ASCII UTF-8)] Unknown charset
C: b8 THREAD REFERENCES UTF-8 FOO
S: b8 BAD Unknown search key
C: b9 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: b9 OK LOGOUT completed
