# pop3login: greeting and CAPA before login (SASL from POP3AUTH, STLS since
# POP3_STARTTLS=YES and couriertls is there), then QUIT.
#! phase: login
#! only: stdio
S: +OK Hello there.
C: CAPA
S: +OK Here's what I can do:
S: SASL PLAIN LOGIN CRAM-MD5
S: STLS
S: TOP
S: USER
S: LOGIN-DELAY 10
S: PIPELINING
S: UIDL
S: UTF8 USER
S: IMPLEMENTATION Courier Mail Server
S: .
C: QUIT
S: +OK Better luck next time.
