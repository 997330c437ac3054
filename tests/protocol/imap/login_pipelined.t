# Commands pipelined behind LOGIN in one write reach imapd and are answered
# in order.
#! phase: login
S: ~ \* OK \[CAPABILITY .*
R: a1 LOGIN ${USER} ${PASSWORD}\r\na2 NOOP\r\na3 CREATE INBOX.p\r\na4 LOGOUT\r\n
S: a1 OK LOGIN Ok.
S: a2 OK NOOP completed
S: a3 OK CREATE completed
S: * BYE Courier-IMAP server shutting down
S: a4 OK LOGOUT completed
