# GETQUOTAROOT, GETQUOTA without a quota (an empty list), SETQUOTA refused
# as Courier does, errors.
#! folders: Work
C: a1 GETQUOTAROOT INBOX
S: * QUOTAROOT "INBOX" "ROOT"
S: * QUOTA "ROOT" ()
S: a1 OK GETQUOTAROOT Ok.
C: a2 GETQUOTAROOT inbox.Work
S: * QUOTAROOT "INBOX.Work" "ROOT"
S: * QUOTA "ROOT" ()
S: a2 OK GETQUOTAROOT Ok.
C: a3 GETQUOTA ROOT
S: * QUOTA "ROOT" ()
S: a3 OK GETQUOTA Ok.
C: a4 GETQUOTA "OTHER"
S: a4 NO [NONEXISTENT] No such quota root
C: a5 GETQUOTAROOT INBOX.Nope
S: a5 NO [NONEXISTENT] Mailbox does not exist
C: a6 SETQUOTA ROOT (STORAGE 100)
S: a6 NO SETQUOTA No permission.
C: a7 SETQUOTA ROOT
S: a7 BAD SETQUOTA needs a quota root and a list
C: a8 GETQUOTA
S: a8 BAD GETQUOTA takes one quota root
C: a9 GETQUOTAROOT
S: a9 BAD GETQUOTAROOT takes one mailbox name
