#!/usr/bin/env python3
"""harness.py - run protocol transcripts (*.t) against a server, asserting exact bytes.

Used by tests/protocol/run-* (POP3, LMTP/SMTP, ...).  Python 3 standard library only.

Transcript syntax (one directive per line; blank lines and '# ...' are ignored):

  C: text          send "text" + CRLF
  S: text          the next line from the server must be exactly "text" (CRLF stripped;
                   a line without CRLF, or with a bare LF, fails: bytes are asserted)
  S: ~ regex       the next line must fully match the Python regex; named groups
                   (?P<name>...) are saved as variables
  S: {             start an unordered block: the following S: lines (exact or ~) must
  S: }             all arrive, in any order, before the block ends
  R: bytes         send raw bytes, no CRLF added; escapes \\r \\n \\t \\0 \\xHH \\\\
  R* N bytes       send the (escaped) bytes N times (over-long lines, floods)
  WAIT: secs       sleep
  TIMEOUT: secs    seconds to wait for each following server line (default 10)
  QUIET: secs      the server must send nothing for secs seconds
  ELAPSED>= secs   the last S: line arrived at least secs after the preceding send
  ELAPSED< secs    ... and less than secs after it
  EOF              the server must close the connection (next read gives EOF)
  SHUT             close our sending side (the server sees EOF)
  TLS              start TLS now (client side; sockets only; certificate not checked)
  SET: name=value  set a variable
  #! key: value    options for the runner (e.g. "#! only: stdio", "#! fixture: empty")

Variables: ${name} in C:, R:, S: lines is replaced by the runner's variables, those
set with SET: and the named groups of earlier ~ lines.  "$$" is a literal "$".

Library use (see run-pop3d):
    import harness
    t = harness.Transcript.load(path)
    ok, why = harness.run(t, conn, variables)   # conn: StdioConn / SocketConn
    harness.main(...) runs a list and prints "N passed, N failed".

Command line:
    harness.py --stdio 'prog args' FILE.t...       a fresh process per transcript
    harness.py --connect HOST:PORT [--tls] FILE.t...
"""

import os
import re
import select
import shlex
import socket
import ssl
import subprocess
import sys
import time

DEFAULT_TIMEOUT = 10.0


class TranscriptError(Exception):
    pass


def unescape(text):
    """Backslash escapes of R: lines to bytes."""
    out = bytearray()
    i = 0
    raw = text.encode('utf-8', 'surrogateescape')
    while i < len(raw):
        c = raw[i]
        if c != 0x5c or i + 1 >= len(raw):
            out.append(c)
            i += 1
            continue
        n = chr(raw[i + 1])
        if n == 'r':
            out += b'\r'
        elif n == 'n':
            out += b'\n'
        elif n == 't':
            out += b'\t'
        elif n == '0':
            out += b'\0'
        elif n == '\\':
            out += b'\\'
        elif n == 'x' and i + 3 < len(raw):
            try:
                out.append(int(raw[i + 2:i + 4].decode(), 16))
            except ValueError:
                raise TranscriptError('bad escape \\x%s' % raw[i + 2:i + 4].decode(errors='replace'))
            i += 4
            continue
        else:
            raise TranscriptError('bad escape \\%s' % n)
        i += 2
    return bytes(out)


class Step:
    __slots__ = ('kind', 'arg', 'lineno', 'extra')

    def __init__(self, kind, arg, lineno, extra=None):
        self.kind, self.arg, self.lineno, self.extra = kind, arg, lineno, extra


class Transcript:
    def __init__(self, name, steps, options):
        self.name, self.steps, self.options = name, steps, options

    @classmethod
    def load(cls, path):
        with open(path, 'rb') as f:
            text = f.read().decode('utf-8', 'surrogateescape')
        return cls.parse(os.path.basename(path), text)

    @classmethod
    def parse(cls, name, text):
        steps, options = [], {}
        block = None
        for lineno, line in enumerate(text.split('\n'), 1):
            if line.endswith('\r'):
                line = line[:-1]
            if line.startswith('#!'):
                k, _, v = line[2:].partition(':')
                options[k.strip()] = v.strip()
                continue
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            if line.startswith('C: ') or line == 'C:':
                steps.append(Step('send', line[3:], lineno))
            elif line.startswith('R: '):
                steps.append(Step('raw', line[3:], lineno, 1))
            elif line.startswith('R* '):
                count, _, data = line[3:].partition(' ')
                steps.append(Step('raw', data, lineno, int(count)))
            elif line.startswith('S: ') or line == 'S:':
                arg = line[3:]
                if arg == '{':
                    if block is not None:
                        raise TranscriptError('%s:%d: nested S: {' % (name, lineno))
                    block = Step('block', [], lineno)
                    continue
                if arg == '}':
                    if block is None:
                        raise TranscriptError('%s:%d: S: } without S: {' % (name, lineno))
                    steps.append(block)
                    block = None
                    continue
                exp = ('re', arg[2:]) if arg.startswith('~ ') else ('exact', arg)
                if block is not None:
                    block.arg.append(exp)
                else:
                    steps.append(Step('expect', exp, lineno))
            elif line.startswith('WAIT:'):
                steps.append(Step('wait', float(line[5:]), lineno))
            elif line.startswith('TIMEOUT:'):
                steps.append(Step('timeout', float(line[8:]), lineno))
            elif line.startswith('QUIET:'):
                steps.append(Step('quiet', float(line[6:]), lineno))
            elif line.startswith('ELAPSED>='):
                steps.append(Step('elapsed_ge', float(line[9:]), lineno))
            elif line.startswith('ELAPSED<'):
                steps.append(Step('elapsed_lt', float(line[8:]), lineno))
            elif line.strip() == 'EOF':
                steps.append(Step('eof', None, lineno))
            elif line.strip() == 'SHUT':
                steps.append(Step('shut', None, lineno))
            elif line.strip() == 'TLS':
                steps.append(Step('tls', None, lineno))
            elif line.startswith('SET:'):
                k, _, v = line[4:].strip().partition('=')
                steps.append(Step('set', (k.strip(), v), lineno))
            else:
                raise TranscriptError('%s:%d: unknown directive: %r' % (name, lineno, line))
        if block is not None:
            raise TranscriptError('%s: unterminated S: {' % name)
        return cls(name, steps, options)


class Conn:
    """A byte pipe to the server with line reads bounded by a timeout."""

    def __init__(self):
        self.buf = b''
        self.eof = False

    # subclasses: _send(bytes), _recv(timeout) -> bytes ('' = EOF, None = timeout),
    # shut(), close(), start_tls()
    def send(self, data):
        self._send(data)

    def read_line(self, timeout):
        """One line including its LF; b'' at EOF; None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            i = self.buf.find(b'\n')
            if i >= 0:
                line, self.buf = self.buf[:i + 1], self.buf[i + 1:]
                return line
            if self.eof:
                line, self.buf = self.buf, b''
                return line
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            data = self._recv(left)
            if data is None:
                return None
            if data == b'':
                self.eof = True
            else:
                self.buf += data

    def quiet(self, secs):
        """True if nothing arrives within secs."""
        if self.buf:
            return False
        data = self._recv(secs)
        if data is None:
            return True
        if data == b'':
            self.eof = True
            return False
        self.buf += data
        return False

    def start_tls(self):
        raise TranscriptError('TLS is not possible on this connection')


class StdioConn(Conn):
    """A fresh server process speaking on its stdin/stdout."""

    def __init__(self, argv, env=None, cwd=None, stderr=None):
        super().__init__()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=stderr, env=env, cwd=cwd, bufsize=0)
        self.rfd = self.proc.stdout.fileno()

    def _send(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass

    def _recv(self, timeout):
        r, _, _ = select.select([self.rfd], [], [], max(timeout, 0))
        if not r:
            return None
        return os.read(self.rfd, 65536)

    def shut(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    def close(self):
        self.shut()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        return self.proc.returncode


class SocketConn(Conn):
    """A TCP connection (optionally TLS from the start)."""

    def __init__(self, host, port, tls=False, timeout=10):
        super().__init__()
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls:
            self.start_tls()

    def _send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            pass

    def _recv(self, timeout):
        if isinstance(self.sock, ssl.SSLSocket) and self.sock.pending():
            return self.sock.recv(65536)
        r, _, _ = select.select([self.sock], [], [], max(timeout, 0))
        if not r:
            return None
        try:
            self.sock.settimeout(max(timeout, 0.001))
            return self.sock.recv(65536)
        except (ConnectionResetError, ssl.SSLError):
            return b''
        except socket.timeout:
            return None

    def start_tls(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        self.sock.settimeout(10)
        self.sock = ctx.wrap_socket(self.sock)
        self.buf = b''

    def shut(self):
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
        return 0


_VAR = re.compile(r'\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}')


def subst(text, variables):
    def rep(m):
        if m.group(0) == '$$':
            return '$'
        name = m.group(1)
        if name not in variables:
            raise TranscriptError('undefined variable ${%s}' % name)
        return str(variables[name])
    return _VAR.sub(rep, text)


def _show(b):
    return repr(b)[1:] if isinstance(b, bytes) else repr(b)


def _match(exp, line, variables):
    kind, pat = exp
    pat = subst(pat, variables)
    if not line.endswith(b'\r\n'):
        return False
    text = line[:-2].decode('utf-8', 'surrogateescape')
    if kind == 'exact':
        return text == pat
    m = re.fullmatch(pat, text)
    if m is None:
        return False
    variables.update({k: v for k, v in m.groupdict().items() if v is not None})
    return True


def run(t, conn, variables=None):
    """Run transcript t over conn.  Returns (ok, reason)."""
    variables = dict(variables or {})
    timeout = DEFAULT_TIMEOUT
    last_send = time.monotonic()
    last_recv = last_send
    for st in t.steps:
        where = '%s:%d' % (t.name, st.lineno)
        try:
            if st.kind == 'send':
                conn.send(subst(st.arg, variables).encode('utf-8', 'surrogateescape') + b'\r\n')
                last_send = time.monotonic()
            elif st.kind == 'raw':
                conn.send(unescape(subst(st.arg, variables)) * st.extra)
                last_send = time.monotonic()
            elif st.kind == 'expect':
                line = conn.read_line(timeout)
                if line is None:
                    return False, '%s: timeout (%.1fs) waiting for %r' % (where, timeout, st.arg[1])
                if not _match(st.arg, line, variables):
                    return False, '%s: got %s, want %s%r' % (
                        where, _show(line) if line else 'EOF',
                        'regex ' if st.arg[0] == 're' else '', subst(st.arg[1], variables))
                last_recv = time.monotonic()
            elif st.kind == 'block':
                pending = list(st.arg)
                while pending:
                    line = conn.read_line(timeout)
                    if line is None or line == b'':
                        return False, '%s: %s inside S: { } block, still want %r' % (
                            where, 'timeout' if line is None else 'EOF', [p[1] for p in pending])
                    for i, exp in enumerate(pending):
                        if _match(exp, line, variables):
                            del pending[i]
                            break
                    else:
                        return False, '%s: unexpected %s in S: { } block, want one of %r' % (
                            where, _show(line), [p[1] for p in pending])
                last_recv = time.monotonic()
            elif st.kind == 'wait':
                time.sleep(st.arg)
            elif st.kind == 'timeout':
                timeout = st.arg
            elif st.kind == 'quiet':
                if not conn.quiet(st.arg):
                    return False, '%s: server sent %s during QUIET' % (where, _show(conn.buf) or 'EOF')
            elif st.kind == 'elapsed_ge':
                if last_recv - last_send < st.arg:
                    return False, '%s: reply after %.2fs, want >= %.2fs' % (
                        where, last_recv - last_send, st.arg)
            elif st.kind == 'elapsed_lt':
                if last_recv - last_send >= st.arg:
                    return False, '%s: reply after %.2fs, want < %.2fs' % (
                        where, last_recv - last_send, st.arg)
            elif st.kind == 'eof':
                line = conn.read_line(timeout)
                if line is None:
                    return False, '%s: server did not close the connection' % where
                if line != b'':
                    return False, '%s: got %s, want EOF' % (where, _show(line))
            elif st.kind == 'shut':
                conn.shut()
            elif st.kind == 'tls':
                conn.start_tls()
            elif st.kind == 'set':
                variables[st.arg[0]] = subst(st.arg[1], variables)
        except TranscriptError as e:
            return False, '%s: %s' % (where, e)
        except (OSError, ssl.SSLError) as e:
            return False, '%s: %s' % (where, e)
    return True, ''


def main(cases, out=sys.stdout):
    """cases: iterable of (label, callable() -> (ok, reason)); ok None means the
    case was skipped (the machine lacks what it needs: reason says what).  Prints
    one line per case ("ok", "FAIL" or "skip") and the summary
    "N passed, N failed, N skipped"; returns the exit status."""
    passed = failed = skipped = 0
    for label, fn in cases:
        try:
            ok, why = fn()
        except Exception as e:  # a broken case is a failure, not a crash
            ok, why = False, '%s: %s' % (type(e).__name__, e)
        if ok is None:
            skipped += 1
            print('skip %s: %s' % (label, why), file=out)
        elif ok:
            passed += 1
            print('ok   %s' % label, file=out)
        else:
            failed += 1
            print('FAIL %s: %s' % (label, why), file=out)
        out.flush()
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped), file=out)
    return 0 if failed == 0 else 1


def _cli():
    import argparse
    ap = argparse.ArgumentParser(description='run protocol transcripts')
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--stdio', help='command line of a server on stdin/stdout')
    g.add_argument('--connect', help='HOST:PORT')
    ap.add_argument('--tls', action='store_true', help='implicit TLS (with --connect)')
    ap.add_argument('--var', action='append', default=[], help='NAME=VALUE')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    variables = dict(v.split('=', 1) for v in a.var)

    def case(path):
        def fn():
            t = Transcript.load(path)
            if a.stdio:
                conn = StdioConn(shlex.split(a.stdio))
            else:
                host, _, port = a.connect.rpartition(':')
                conn = SocketConn(host.strip('[]'), int(port), tls=a.tls)
            try:
                return run(t, conn, variables)
            finally:
                conn.close()
        return fn
    return main((os.path.basename(p), case(p)) for p in a.files)


if __name__ == '__main__':
    sys.exit(_cli())
