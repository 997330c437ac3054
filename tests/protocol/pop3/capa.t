# CAPA after login (no SASL, no STLS), and pipelined commands answered in order.
S: +OK logged in.
C: CAPA
S: +OK Here's what I can do:
S: TOP
S: USER
S: LOGIN-DELAY 10
S: PIPELINING
S: UIDL
S: UTF8 USER
S: IMPLEMENTATION Courier Mail Server
S: .
R: STAT\r\nLIST 1\r\nNOOP\r\nUIDL 2\r\nDELE 3\r\nSTAT\r\nRSET\r\nQUIT\r\n
S: +OK 3 152
S: +OK 1 45
S: +OK Yup.
S: ~ \+OK 2 UID2-[0-9]+
S: +OK Deleted.
S: +OK 2 96
S: +OK Resurrected.
S: +OK Bye-bye.
