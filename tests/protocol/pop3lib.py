"""pop3lib.py - a throw-away Stafeta instance for the POP3 suites (protocol,
interop, bench): `mailctl init` + `start` in a temporary directory on free
loopback ports, fixtures written into the user's Maildir, and helpers to run
pop3d/pop3login directly on stdin/stdout.  Python 3 standard library only.

Environment: top_srcdir, top_builddir (tests/runtests sets both; otherwise
they are guessed from this file's place and $STAFETA_BUILDDIR).
"""

import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time

from stacklib import BUILDDIR, SRCDIR, Stack, clean_env, client_env, prog  # noqa: F401

USER = 'alice'
PASSWORD = 'secret'


class Instance(Stack):
    """mailctl init DIR (POP3 settings appended to etc/pop3d); start(); stop()."""

    def __init__(self, extra_pop3d=None, user=USER, password=PASSWORD):
        Stack.__init__(self, 'stafeta-pop3-', user, password)
        self.home = os.path.join(self.dir, 'home', user)
        self.maildir = os.path.join(self.home, 'Maildir')
        if extra_pop3d:
            with open(os.path.join(self.etc, 'pop3d'), 'a') as f:
                for k, v in extra_pop3d.items():
                    f.write('%s="%s"\n' % (k, v))

    def add_cram(self, user, password):
        """Give user a CRAM-MD5 secret (userdb hmac-md5pw), rebuild userdb.dat."""
        sec = subprocess.run([prog('authdaemon/userdbpw'), '-hmac-md5'], input=password.encode() + b'\n',
                             stdout=subprocess.PIPE, check=True, env=clean_env()).stdout.decode().strip()
        db = os.path.join(self.etc, 'userdb')
        lines = open(db).read().splitlines()
        with open(db, 'w') as f:
            for l in lines:
                if l.split('\t')[0] == user:
                    l += '|hmac-md5pw=' + sec
                f.write(l + '\n')
        self.makeuserdb()

    def as_mail_user(self):
        """preexec_fn that becomes the mail account (when we are root)."""
        uid, gid = self.uid, self.gid
        if os.getuid() != 0:
            return None

        def fn():
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        return fn


def write_maildir(inst, messages, maildir=None):
    """Replace the Maildir's content: messages is a list of (subdir, name, bytes)."""
    md = maildir or inst.maildir
    for sub in ('tmp', 'new', 'cur'):
        d = os.path.join(md, sub)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d, mode=0o700)
        inst.chown(d)
    for f in ('courierpop3dsizelist', 'courierpop3dlock', 'maildirsize'):
        try:
            os.unlink(os.path.join(md, f))
        except FileNotFoundError:
            pass
    for sub, name, data in messages:
        p = os.path.join(md, sub, name)
        with open(p, 'wb') as f:
            f.write(data)
        os.chmod(p, 0o600)
        inst.chown(p)


def gen_messages(count, seed=1, base=1700000000, size=4200, crlf=False):
    """A deterministic message set: (subdir, name, bytes) with varied content:
    dot lines, long lines, 8-bit bodies, no final LF, CRLF."""
    import random
    rnd = random.Random(seed)
    out = []
    words = ['alpha', 'beta', '.gamma', 'delta', '..', '.', 'epsilon', 'z\xe9ta', 'eta']
    for i in range(count):
        hdr = ('Return-Path: <sender%d@example.org>\nFrom: Sender %d <sender%d@example.org>\n'
               'To: %s@example.com\nSubject: message %d of %d\nMessage-ID: <%d.%d@example.org>\n'
               'Date: Sat, 28 Nov 2026 10:00:00 +0000\n\n' % (i, i, i, USER, i + 1, count, seed, i))
        body = []
        n = len(hdr)
        while n < size:
            line = ' '.join(rnd.choice(words) for _ in range(rnd.randint(0, 14)))
            if rnd.random() < 0.02:
                line = 'x' * rnd.randint(900, 998)
            body.append(line)
            n += len(line) + 1
        text = hdr + '\n'.join(body) + ('\n' if i % 7 else '')
        data = text.encode('utf-8')
        if crlf and i % 11 == 5:
            data = data.replace(b'\n', b'\r\n')
        name = '%d.M%dP%d.test,S=%d' % (base + i, i, 100 + i, len(data))
        out.append(('new' if i % 3 else 'cur', name + ('' if i % 3 else ':2,S'), data))
    return out


def wire_form(data):
    """What a POP3 server must send for a stored message (Courier's rules),
    without the final '.': LF -> CRLF, dot-stuffing, a final CRLF."""
    if data == b'':
        return b'\r\n'
    lines = data.split(b'\n')
    if lines[-1] == b'':
        lines.pop()
    return b''.join((b'.' + l if l.startswith(b'.') else l) + b'\r\n' for l in lines)


def lf_form(data):
    """What a client that stores LF line ends keeps: the file, ending in LF."""
    return data if data.endswith(b'\n') or data == b'' else data + b'\n'


def client_form(data):
    """What a client stores after un-stuffing the wire form (CRLF endings)."""
    if data == b'':
        return b'\r\n'
    lines = data.split(b'\n')
    if lines[-1] == b'':
        lines.pop()
    return b''.join(l + b'\r\n' for l in lines)
