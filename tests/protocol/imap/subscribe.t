# SUBSCRIBE / UNSUBSCRIBE in courierimapsubscribed; LSUB with * and %,
# a \Noselect level above a subscribed name for %.
#! folders: A A.B C
C: a1 SUBSCRIBE INBOX.A.B
S: a1 OK SUBSCRIBE completed
C: a2 SUBSCRIBE INBOX.C
S: a2 OK SUBSCRIBE completed
C: a3 subscribe INBOX.C
S: a3 OK SUBSCRIBE completed
C: a4 SUBSCRIBE INBOX.nothere
S: a4 NO [NONEXISTENT] Mailbox does not exist
C: a5 SUBSCRIBE INBOX
S: a5 OK SUBSCRIBE completed
C: a6 LSUB "" *
S: * LSUB () "." "INBOX.A.B"
S: * LSUB () "." "INBOX.C"
S: * LSUB () "." "INBOX"
S: a6 OK LSUB completed
C: a7 LSUB "" INBOX.%
S: * LSUB (\Noselect) "." "INBOX.A"
S: * LSUB () "." "INBOX.C"
S: a7 OK LSUB completed
C: a8 UNSUBSCRIBE INBOX.C
S: a8 OK UNSUBSCRIBE completed
C: a9 UNSUBSCRIBE INBOX.never
S: a9 OK UNSUBSCRIBE completed
C: b1 LSUB "" ""
S: * LSUB (\Noselect) "." ""
S: b1 OK LSUB completed
C: b2 LSUB ""
S: b2 BAD Needs a reference and a mailbox pattern
C: b3 SUBSCRIBE
S: b3 BAD SUBSCRIBE takes one mailbox name
C: b4 UNSUBSCRIBE
S: b4 BAD UNSUBSCRIBE takes one mailbox name
#! after: subscribed=INBOX.A.B,INBOX
