# FETCH and UID FETCH: every item and macro, sections down to a nested
# message's parts, partials, \Seen set by a non-PEEK section, BAD before
# anything is sent.
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
C: a2 FETCH 1:* FAST
S: * 1 FETCH (FLAGS () INTERNALDATE "${IDATE_1700000001}" RFC822.SIZE 269)
S: * 2 FETCH (FLAGS (\Seen) INTERNALDATE "${IDATE_1700000002}" RFC822.SIZE 651)
S: a2 OK FETCH completed
C: a3 FETCH 1 ALL
S: * 1 FETCH (FLAGS () INTERNALDATE "${IDATE_1700000001}" RFC822.SIZE 269 ENVELOPE ("Mon, 13 Nov 2023 22:13:21 +0000" "=?utf-8?q?caf=C3=A9?= menu" (("Joe Q. Public" NIL "joe" "example.com")) (("Joe Q. Public" NIL "joe" "example.com")) (("Joe Q. Public" NIL "joe" "example.com")) ((NIL NIL "a" "example.org")("B, C" NIL "b" "example.org")) ((NIL NIL "team" NIL)(NIL NIL "x" "example.net")(NIL NIL NIL NIL)) NIL "<m0@example.com>" "<m1@example.com>"))
S: a3 OK FETCH completed
C: a4 UID FETCH 2 FULL
S: * 2 FETCH (UID 2 FLAGS (\Seen) INTERNALDATE "${IDATE_1700000002}" RFC822.SIZE 651 ENVELOPE ("Tue, 14 Nov 2023 08:00:00 +0100" "parts" ((NIL NIL "b" "example.org")) ((NIL NIL "b" "example.org")) ((NIL NIL "b" "example.org")) ((NIL NIL "joe" "example.com")) NIL NIL NIL NIL) BODY (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 9 0)("application" "octet-stream" NIL NIL NIL "base64" 4)("message" "rfc822" NIL NIL NIL "7bit" 176 (NIL "inner" ((NIL NIL "c" "example.net")) ((NIL NIL "c" "example.net")) ((NIL NIL "c" "example.net")) NIL NIL NIL NIL NIL) (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 4 0)("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 11 0) "alternative") 13) "mixed"))
S: a4 OK FETCH completed
C: a5 FETCH 2 BODYSTRUCTURE
S: * 2 FETCH (BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 9 0 NIL NIL NIL NIL)("application" "octet-stream" NIL NIL NIL "base64" 4 NIL ("attachment" ("filename" "a.bin")) NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 176 (NIL "inner" ((NIL NIL "c" "example.net")) ((NIL NIL "c" "example.net")) ((NIL NIL "c" "example.net")) NIL NIL NIL NIL NIL) (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 4 0 NIL NIL NIL NIL)("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 11 0 NIL NIL NIL NIL) "alternative" ("boundary" "YY") NIL NIL NIL) 13 NIL NIL NIL NIL) "mixed" ("boundary" "XX") NIL NIL NIL))
S: a5 OK FETCH completed
C: a6 FETCH 2 (BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[3.HEADER.FIELDS (Subject)] BODY.PEEK[3.1] BODY.PEEK[3.2.MIME] BODY.PEEK[3.TEXT]<0.4> BODY.PEEK[4])
S: * 2 FETCH (BODY[1] {9}
S: caf=C3=A9 BODY[1.MIME] {88}
S: Content-Type: text/plain; charset=utf-8
S: Content-Transfer-Encoding: quoted-printable
S: 
S:  BODY[3.HEADER.FIELDS (Subject)] {18}
S: Subject: inner
S: 
S:  BODY[3.1] {4}
S: text BODY[3.2.MIME] {27}
S: Content-Type: text/html
S: 
S:  BODY[3.TEXT]<0> {4}
S: --YY BODY[4] "")
S: a6 OK FETCH completed
C: a7 FETCH 1 (BODY[HEADER.FIELDS.NOT (To Cc Date Message-ID In-Reply-To)] BODY[TEXT]<5.100>)
S: * 1 FETCH (FLAGS (\Seen) BODY[HEADER.FIELDS.NOT (To Cc Date Message-ID In-Reply-To)] {80}
S: From: "Joe Q. Public" <joe@example.com>
S: Subject: =?utf-8?q?caf=C3=A9?= menu
S: 
S:  BODY[TEXT]<5> {15}
S: one
S: line two
S: )
S: a7 OK FETCH completed
C: a8 FETCH 1 (FLAGS RFC822.HEADER)
S: * 1 FETCH (FLAGS (\Seen) RFC822.HEADER {249}
S: From: "Joe Q. Public" <joe@example.com>
S: To: a@example.org, "B, C" <b@example.org>
S: Cc: team: x@example.net;
S: Date: Mon, 13 Nov 2023 22:13:21 +0000
S: Subject: =?utf-8?q?caf=C3=A9?= menu
S: Message-ID: <m1@example.com>
S: In-Reply-To: <m0@example.com>
S: 
S: )
S: a8 OK FETCH completed
C: a9 FETCH 1 RFC822.TEXT
S: * 1 FETCH (RFC822.TEXT {20}
S: line one
S: line two
S: )
S: a9 OK FETCH completed
C: b1 FETCH 2 RFC822
S: * 2 FETCH (RFC822 {651}
S: From: b@example.org
S: To: joe@example.com
S: Date: Tue, 14 Nov 2023 08:00:00 +0100
S: Subject: parts
S: MIME-Version: 1.0
S: Content-Type: multipart/mixed; boundary="XX"
S: 
S: preamble
S: --XX
S: Content-Type: text/plain; charset=utf-8
S: Content-Transfer-Encoding: quoted-printable
S: 
S: caf=C3=A9
S: --XX
S: Content-Type: application/octet-stream
S: Content-Transfer-Encoding: base64
S: Content-Disposition: attachment; filename="a.bin"
S: 
S: AAEC
S: --XX
S: Content-Type: message/rfc822
S: 
S: From: c@example.net
S: Subject: inner
S: MIME-Version: 1.0
S: Content-Type: multipart/alternative; boundary=YY
S: 
S: --YY
S: 
S: text
S: --YY
S: Content-Type: text/html
S: 
S: <b>html</b>
S: --YY--
S: --XX--
S: epilogue
S: )
S: b1 OK FETCH completed
# errors: BAD before anything is sent
C: b2 FETCH 3 FLAGS
S: b2 BAD Invalid message sequence number
C: b3 FETCH 1 (FLAGS ALL)
S: b3 BAD Invalid FETCH item
C: b4 FETCH 1 BODY[HEADER.FIELDS]
S: b4 BAD Expected a list of header field names
C: b5 FETCH 1 BODY[]<1.0>
S: b5 BAD Invalid partial range
C: b6 FETCH 1 (FLAGS
S: b6 BAD Missing ) at the end of the command
C: b7 UID FETCH 5:* (FLAGS)
S: * 2 FETCH (UID 2 FLAGS (\Seen))
S: b7 OK FETCH completed
C: b8 FETCH 1 BODY[0]
S: b8 BAD Invalid section part number
C: b9 FETCH 1 (INTERNALDATE RFC822.SIZE) EXTRA
S: b9 BAD FETCH needs a sequence set and items
# EXAMINE: a non-PEEK section leaves \Seen alone
C: c0 STORE 1 -FLAGS (\Seen)
S: * 1 FETCH (FLAGS ())
S: c0 OK STORE completed
C: c2 EXAMINE INBOX
S: * FLAGS (\Draft \Answered \Flagged \Deleted \Seen \Recent)
S: * OK [PERMANENTFLAGS ()] No permanent flags permitted
S: * 2 EXISTS
S: * 0 RECENT
S: ~ \* OK \[UIDVALIDITY \d+\] Ok
S: * OK [MYRIGHTS "lrs"] ACL
S: c2 OK [READ-ONLY] Ok
C: c3 FETCH 1 (BODY[TEXT]<0.4> FLAGS)
S: * 1 FETCH (FLAGS () BODY[TEXT]<0> {4}
S: line)
S: c3 OK FETCH completed
C: c4 FETCH 1:2 (UID FLAGS)
S: * 1 FETCH (UID 1 FLAGS ())
S: * 2 FETCH (UID 2 FLAGS (\Seen))
S: c4 OK FETCH completed
C: c1 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: c1 OK LOGOUT completed
