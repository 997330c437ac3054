# imaplogin: Courier's greeting with the capability list cut to what is
# implemented, CAPABILITY, NOOP, ID and LOGOUT before the login.
#! phase: login
S: * OK [CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE SASL-IR STARTTLS UTF8=ACCEPT] Courier-IMAP ready. Copyright 1998-2019 Double Precision, Inc.  See COPYING for distribution information.
C: a1 CAPABILITY
S: * CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE LITERAL+ ENABLE ID UNSELECT MOVE SPECIAL-USE SASL-IR STARTTLS UTF8=ACCEPT
S: a1 OK CAPABILITY completed
C: a2 noop
S: a2 OK NOOP completed
C: a3 ID ("name" "test" "version" NIL)
S: * ID ("name" "Courier-IMAP")
S: a3 OK ID completed
C: a4 ID NIL
S: * ID ("name" "Courier-IMAP")
S: a4 OK ID completed
C: a5 LOGOUT
S: * BYE Courier-IMAP server shutting down
S: a5 OK LOGOUT completed
