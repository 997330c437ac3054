"""lmtplib.py - a throw-away Stafeta instance for the lmtpd suites (protocol,
interop, crash, bench): `mailctl init` in a temporary directory on free
loopback ports, then test users (a local one, a virtual user@domain one, one
with a tiny quota), aliases compiled with makealiases, lmtpd.cf settings, and
`mailctl start` (authdaemond, lmtpd, lmtpd -smtp).  Python 3 stdlib only.

Environment: top_srcdir, top_builddir (tests/runtests sets both).
"""

import email.utils
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

from stacklib import BUILDDIR, SRCDIR, Stack, clean_env, client_env, prog  # noqa: F401

HOSTNAME = 'mx.test'
# name, userdb key, quota (userdb "quota=" field or None)
USERS = [('alice', 'alice', None),
         ('bob', 'bob@example.com', None),
         ('full', 'full', '1000S')]
ALIASES = ('# test aliases\npostmaster: alice\nteam: alice, bob@example.com\n'
           'loop1: loop2\nloop2: loop1\nghost: nobody-here\n')
LMTPD_CF = ('mydestination = $myhostname, localhost\n'
            'virtual_mailbox_domains = example.com\n'
            'message_size_limit = 20000\n'
            'smtpd_recipient_limit = 5\n'
            'smtpd_hard_error_limit = 20\n'
            'smtpd_timeout = 3s\n')


class Instance(Stack):
    """init() the instance, start() it, stop() removes everything."""

    def __init__(self, extra_cf='', base=None, maildir_root=None):
        Stack.__init__(self, 'stafeta-lmtp-', 'alice', 'secret', base)
        self.cf = os.path.join(self.etc, 'lmtpd.cf')
        # homes may live elsewhere (a small tmpfs for the disk-full test)
        self.homes = maildir_root or os.path.join(self.dir, 'home')
        self.maildirs = {}
        lines = []
        # every test user gets the password mailctl hashed for alice
        pw = re.search(r'systempw=([^|\n]+)', open(os.path.join(self.etc, 'userdb')).read())
        for name, key, quota in USERS:
            home = os.path.join(self.homes, name)
            md = os.path.join(home, 'Maildir')
            self.make_maildir(md)
            self.chown(home)
            self.maildirs[name] = md
            line = '%s\tuid=%d|gid=%d|home=%s|mail=%s' % (key, self.uid, self.gid, home, md)
            if quota:
                line += '|quota=%s' % quota
            if pw:
                line += '|systempw=%s' % pw.group(1)
            lines.append(line)
        self.make_maildir(os.path.join(self.maildirs['alice'], '.Work'), folder=True)
        with open(os.path.join(self.etc, 'userdb'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
        os.chmod(os.path.join(self.etc, 'userdb'), 0o600)
        self.makeuserdb()
        with open(os.path.join(self.etc, 'aliases'), 'w') as f:
            f.write(ALIASES)
        with open(self.cf, 'a') as f:
            f.write('\n# run-lmtpd\nmyhostname = %s\n%s%s' % (HOSTNAME, LMTPD_CF, extra_cf))
        r = subprocess.run([prog('postfix-glue/makealiases'), '-c', self.cf], env=clean_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError('makealiases failed: %s' % r.stdout.decode(errors='replace'))

    def start(self):
        self.lmtp_sock = os.path.join(self.dir, 'run', 'lmtp')
        return Stack.start(self, (self.lmtp_sock,
                                  os.path.join(self.dir, 'run', 'authdaemon', 'socket')))

    def lmtpd_argv(self, *extra):
        return [prog('postfix-glue/lmtpd'), '-c', self.cf] + list(extra)

    def lmtpd_env(self, extra=None):
        e = clean_env(self.auth_env())
        if extra:
            e.update(extra)
        return e

    def files(self, user, sub='new', folder=None):
        md = self.maildirs[user]
        if folder:
            md = os.path.join(md, '.' + folder)
        d = os.path.join(md, sub)
        return sorted(n for n in os.listdir(d) if not n.startswith('.'))

    def read(self, user, name, sub='new', folder=None):
        md = self.maildirs[user]
        if folder:
            md = os.path.join(md, '.' + folder)
        with open(os.path.join(md, sub, name), 'rb') as f:
            return f.read()

    def clear(self):
        for md in self.maildirs.values():
            for folder in ('', '.Work'):
                for sub in ('tmp', 'new', 'cur'):
                    d = os.path.join(md, folder, sub)
                    if os.path.isdir(d):
                        for n in os.listdir(d):
                            os.unlink(os.path.join(d, n))
            try:
                os.unlink(os.path.join(md, 'maildirsize'))
            except FileNotFoundError:
                pass


class Client:
    """A minimal LMTP/SMTP client that keeps the exact reply bytes."""

    def __init__(self, port=None, path=None, timeout=20):
        if path:
            self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.s.settimeout(timeout)
            self.s.connect(path)
        else:
            self.s = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        self.buf = b''

    def line(self):
        while b'\r\n' not in self.buf:
            d = self.s.recv(65536)
            if not d:
                raise EOFError('connection closed')
            self.buf += d
        l, _, self.buf = self.buf.partition(b'\r\n')
        return l.decode('utf-8', 'replace')

    def reply(self):
        """One (possibly multi-line) reply: (code, [lines])."""
        lines = [self.line()]
        while len(lines[-1]) > 3 and lines[-1][3] == '-':
            lines.append(self.line())
        return int(lines[-1][:3]), lines

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.s.sendall(data)

    def cmd(self, text):
        self.send(text + '\r\n')
        return self.reply()

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


def dot_stuff(data):
    """Message bytes (LF or CRLF) to the DATA wire form without the final dot."""
    lines = data.replace(b'\r\n', b'\n').split(b'\n')
    if lines and lines[-1] == b'':
        lines.pop()
    return b''.join((b'.' + l if l.startswith(b'.') else l) + b'\r\n' for l in lines)


def trace_headers_re(sender, delivered_to, rcpt, proto='LMTP'):
    """A regex (bytes) for the three header blocks lmtpd puts in front."""
    return (rb'Return-Path: <' + re.escape(sender.encode()) + rb'>\n'
            rb'Delivered-To: ' + re.escape(delivered_to.encode()) + rb'\n'
            rb'Received: from \S+ \((?:\[[0-9a-f.:]+\]|localhost)\)\n'
            rb'\tby ' + re.escape(HOSTNAME.encode()) + rb' \(Stafeta\) with ' + proto.encode() +
            rb' id [0-9A-F]+\.[0-9A-F]+\.[0-9]+\n'
            rb'\tfor <' + re.escape(rcpt.encode()) + rb'>; ' + RFC5322_DATE_RE + rb'\n')


# RFC 5322 section 3.3 date-time as lmtpd writes it: day of month with one or two
# digits and no padding, seconds present, a numeric zone.
RFC5322_DATE_RE = (rb'(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?:[1-9]|[12][0-9]|3[01]) '
                   rb'(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} '
                   rb'(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60) [+-][0-9]{4}')


def date_is_now(data, slack=600):
    """The first RFC 5322 date after '; ' in data names this moment, weekday and
    zone included (so a wrong weekday, day or offset fails), within slack seconds.
    Returns (ok, why)."""
    m = re.search(rb'; (' + RFC5322_DATE_RE + rb')\n', data)
    if not m:
        return False, 'no date in %r' % data[:300]
    text = m.group(1).decode()
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError) as e:
        return False, '%s: %s' % (text, e)
    off = when.utcoffset().total_seconds()
    local = time.localtime(when.timestamp())
    if local.tm_gmtoff != off:
        return False, '%s: zone is not the local offset %+d s' % (text, local.tm_gmtoff)
    if time.strftime('%a', local) != text[:3]:
        return False, '%s: wrong weekday' % text
    now = time.time()
    if abs(when.timestamp() - now) > slack:
        return False, '%s is not now (%s)' % (
            text, time.strftime('%Y-%m-%d %H:%M:%S %z', time.localtime(now)))
    return True, ''
