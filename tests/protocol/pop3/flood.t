# Twenty invalid commands in a row end the session.
S: +OK logged in.
R* 19 BAD\r\n
R: BAD\r\n
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Invalid command.
S: -ERR Too many invalid commands, closing connection.
EOF
