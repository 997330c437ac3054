# SEARCH and UID SEARCH: flags, headers with encoded words and folding, body
# text through MIME decoding, dates (INTERNALDATE and Date:), sizes, sets,
# nested OR/NOT and groups, CHARSET (UTF-8, ISO-8859-1, unknown), the caps,
# and the errors (BAD / NO [BADCHARSET] / NO [LIMIT]) before anything is sent.
#! files: cur/1700000001.M1P1.test:2,=msgs/plain.eml cur/1700000002.M1P1.test:2,S=msgs/multi.eml
C: a0 STATUS INBOX (MESSAGES)
S: * STATUS "INBOX" (MESSAGES 2)
S: a0 OK STATUS Completed.
C: a1 SELECT INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS (\* \Draft \Answered \Flagged \Deleted \Seen)] Limited
S: * 2 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "acdilrstwx"] ACL
S: a1 OK [READ-WRITE] Ok
C: a2 SEARCH ALL
S: * SEARCH 1 2
S: a2 OK SEARCH completed
C: a3 SEARCH SEEN
S: * SEARCH 2
S: a3 OK SEARCH completed
C: a4 UID SEARCH UNSEEN
S: * SEARCH 1
S: a4 OK SEARCH completed
C: a5 SEARCH FROM "JOE q."
S: * SEARCH 1
S: a5 OK SEARCH completed
C: a6 SEARCH SUBJECT "café MENU"
S: a6 BAD 8-bit character in quoted string
R: a6u SEARCH CHARSET UTF-8 SUBJECT {10+}\r\ncaf\xc3\xa9 MENU\r\n
S: * SEARCH 1
S: a6u OK SEARCH completed
R: a7 SEARCH CHARSET ISO-8859-1 SUBJECT {4+}\r\nCAF\xc9\r\n
S: * SEARCH 1
S: a7 OK SEARCH completed
C: a8 SEARCH BODY HTML
S: * SEARCH 2
S: a8 OK SEARCH completed
C: a9 SEARCH TEXT "line two"
S: * SEARCH 1
S: a9 OK SEARCH completed
C: b1 SEARCH OR FROM joe SEEN
S: * SEARCH 1 2
S: b1 OK SEARCH completed
C: b2 SEARCH NOT (FROM joe)
S: * SEARCH 2
S: b2 OK SEARCH completed
C: b3 SEARCH SENTON 14-Nov-2023
S: * SEARCH 2
S: b3 OK SEARCH completed
C: b4 SEARCH SINCE ${IDAY_1700000001} BEFORE ${IDAYNEXT_1700000002}
S: * SEARCH 1 2
S: b4 OK SEARCH completed
C: b5 SEARCH LARGER 300
S: * SEARCH 2
S: b5 OK SEARCH completed
C: b6 SEARCH 2:* HEADER Message-ID m1
S: * SEARCH
S: b6 OK SEARCH completed
C: b7 SEARCH HEADER Cc team
S: * SEARCH 1
S: b7 OK SEARCH completed
C: b8 UID SEARCH UID 2:*
S: * SEARCH 2
S: b8 OK SEARCH completed
C: b9 SEARCH OR (OR SEEN FROM nobody) NOT NOT TEXT <m0@example.com>
S: * SEARCH 1 2
S: b9 OK SEARCH completed
C: c1 SEARCH CHARSET X-BOGUS ALL
S: c1 NO [BADCHARSET (US-ASCII UTF-8)] Unknown charset
C: c2 SEARCH FOO
S: c2 BAD Unknown search key
C: c3 SEARCH OR SEEN
S: c3 BAD Missing argument of a search key
C: c4 SEARCH SENTBEFORE 30-Feb-x
S: c4 BAD Invalid search date (d-Mon-yyyy expected)
C: c5 SEARCH NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT SEEN
S: c5 NO [LIMIT] Search program nested too deeply
C: c6 SEARCH LARGER x
S: c6 BAD Number expected
C: c7 SEARCH
S: c7 BAD Empty search key list
C: c8 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: c8 OK LOGOUT completed
