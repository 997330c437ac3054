#!/usr/bin/env python3
"""gen-mime.py - writes the MIME test corpus: tests/corpus/mime/NNNN.eml.

Deterministic (fixed seed): rerunning it rewrites the same files, so the
corpus is committed and this script documents how it was made.  The mix is
every MIME shape rfc822/ must handle, as real clients and spam tools write
them: nested multiparts, message/rfc822 and digests, missing / repeated /
prefix / case-changed boundaries, missing final boundaries and blank lines,
no MIME-Version, CRLF, bare LF and mixed line ends, a last line without LF,
NULs, bare CR, 8-bit headers, folded and commented fields, RFC 2231 and
2047 parameters, charsets, base64 and quoted-printable both clean and broken.

Usage: gen-mime.py [OUTDIR] [COUNT] [SCALE]
  (defaults: the mime/ next to it, 600, 1; SCALE multiplies the length of
  text and binary bodies, for bench/run-rfc822's 40 MB Maildir)
"""
import base64
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "mime")
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 600
SCALE = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rnd = random.Random(20261202)

WORDS = ("alpha beta gamma delta mail box quota imap courier maildir invoice "
         "meeting tomorrow report attached please find hello world").split()
CHARSETS = ["us-ascii", "US-ASCII", "utf-8", "UTF-8", "iso-8859-1", "ISO-8859-2",
            "windows-1252", "koi8-r", "iso-2022-jp", "x-unknown", '"utf-8"', "Utf-8"]
TEXTS = {
    "utf-8": "Grüße aus Köln – żółć € naïve\n",
    "iso-8859-1": "caf\xe9 cr\xe8me br\xfbl\xe9e\n",
    "iso-8859-2": "\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1\n",
}


def words(n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def text_lines(nl, maxw=12):
    return "".join(words(rnd.randint(1, maxw)) + "\n" for _ in range(nl * SCALE))


def qp_body():
    kinds = [
        "hello=20world=\nsoft break continues\n",
        "caf=E9 cr=e8me =3D equals\n",
        "bad =ZZ escape and =4 short\n",
        "trailing soft = \nnext\n",
        "=\n",
        "line with = in the middle\nend=",
        "=C3=A9t=C3=A9\n" * 3,
        "long " + "x" * 70 + "=\n" + "y" * 30 + "\n",
    ]
    return "".join(rnd.choice(kinds) for _ in range(rnd.randint(1, 4)))


def b64_body(raw):
    enc = base64.b64encode(raw).decode()
    style = rnd.randint(0, 6)
    if style == 1:
        enc = enc.rstrip("=")                       # missing padding
    elif style == 2:
        enc = enc[:len(enc) // 2] + "!*" + enc[len(enc) // 2:]   # stray characters
    elif style == 3:
        enc = enc + "===="                          # extra padding
    elif style == 4:
        enc = enc[:-1] if len(enc) > 1 else enc     # truncated
    elif style == 5:
        enc = enc.replace("A", " A")                # spaces inside
    lines = [enc[i:i + 76] for i in range(0, len(enc), 76)] or [""]
    return "\n".join(lines) + "\n"


def param_name():
    k = rnd.randint(0, 9)
    if k == 0:
        return '; name="report.pdf"'
    if k == 1:
        return "; name=plain.txt"
    if k == 2:
        return "; name*=utf-8''na%C3%AFve%20file.txt"
    if k == 3:
        return "; name*=iso-8859-1'en'caf%E9.doc"
    if k == 4:
        return ';\n\tname*0="very-long-";\n\tname*1="file-name.bin"'
    if k == 5:
        return "; name*0*=utf-8''%C3%A9t%C3%A9;\n name*1=\".txt\""
    if k == 6:
        return '; name="=?utf-8?q?caf=C3=A9?=.txt"'
    if k == 7:
        return '; NAME="UPPER.TXT"'
    return ""


def disposition():
    k = rnd.randint(0, 8)
    if k == 0:
        return "Content-Disposition: attachment\n"
    if k == 1:
        return 'Content-Disposition: attachment; filename="doc.pdf"\n'
    if k == 2:
        return "Content-Disposition: inline; filename*=utf-8''%E2%82%AC.txt\n"
    if k == 3:
        return 'Content-Disposition: ATTACHMENT; FileName="a b.txt"; size=123\n'
    if k == 4:
        return 'Content-Disposition: attachment;\n filename*0="part1";\n filename*1="part2.zip"\n'
    if k == 5:
        return 'Content-Disposition: inline; name="dispname.txt"\n'
    return ""


def extra_fields():
    out = ""
    if rnd.random() < 0.2:
        out += "Content-ID: <%d.part@example.com>\n" % rnd.randint(1, 99999)
    if rnd.random() < 0.15:
        out += "Content-Description: %s\n" % words(3)
    if rnd.random() < 0.1:
        out += "Content-Language: en, de\n"
    if rnd.random() < 0.05:
        out += "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
    if rnd.random() < 0.05:
        out += "Content-Location: http://example.com/x\n"
    return out


def leaf(depth):
    """A part's header fields and body (strings, LF line ends)."""
    k = rnd.randint(0, 9)
    hdr = ""
    if k <= 3:
        cs = rnd.choice(CHARSETS)
        ctype = rnd.choice(["text/plain", "Text/Plain", "text/html", "TEXT/plain"])
        if rnd.random() < 0.15:
            hdr += "Content-Type: %s\n" % ctype    # no charset
        else:
            hdr += "Content-Type: %s; charset=%s%s\n" % (ctype, cs, rnd.choice(["", " (comment)", ";", "; format=flowed"]))
        enc = rnd.choice([None, "7bit", "8bit", "quoted-printable", "Quoted-Printable", "binary"])
        if enc:
            hdr += "Content-Transfer-Encoding: %s\n" % enc
        if enc and enc.lower() == "quoted-printable":
            body = qp_body()
        else:
            body = text_lines(rnd.randint(0, 8))
            if rnd.random() < 0.3:
                body += rnd.choice(list(TEXTS.values()))
    elif k <= 6:
        ctype = rnd.choice(["application/octet-stream", "image/png", "application/pdf",
                            "application/x-zip"])
        hdr += "Content-Type: %s%s\n" % (ctype, param_name())
        hdr += "Content-Transfer-Encoding: %s\n" % rnd.choice(["base64", "BASE64", "Base64"])
        raw = bytes(rnd.randint(0, 255) for _ in range(rnd.randint(0, 300) * SCALE))
        body = b64_body(raw)
    elif k == 7:
        hdr += "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n"
        body = b64_body(text_lines(rnd.randint(1, 5)).encode())
    elif k == 8:
        hdr += ""                          # default type
        body = text_lines(rnd.randint(0, 3))
    else:
        hdr += "Content-Type: %s\n" % rnd.choice(["text/plain; charset=utf-8", "text/calendar; method=REQUEST",
                                                   "application/json", "text/plain; charset=\"\""])
        body = text_lines(rnd.randint(0, 4))
    hdr += disposition() + extra_fields()
    return hdr, body


def boundary(depth):
    k = rnd.randint(0, 9)
    if k == 0:
        return "b%d" % depth
    if k == 1:
        return "----=_NextPart_%03d_%04X" % (depth, rnd.randint(0, 65535))
    if k == 2:
        return "=_%d_=" % depth
    if k == 3:
        return "x" * rnd.randint(1, 70)
    return "Boundary_%d_%d" % (depth, rnd.randint(0, 999))


def multipart(depth, sub=None):
    sub = sub or rnd.choice(["mixed", "alternative", "related", "digest", "mixed", "signed"])
    b = boundary(depth)
    quote = rnd.choice(['"%s"', "%s", '"%s" (c)'])
    hdr = "Content-Type: multipart/%s; boundary=%s\n" % (sub, quote % b)
    if rnd.random() < 0.1:
        hdr = "Content-Type: multipart/%s;\n\tboundary=%s\n" % (sub, quote % b)
    if rnd.random() < 0.05:
        hdr += "Content-Transfer-Encoding: 7bit\n"
    body = ""
    if rnd.random() < 0.4:
        body += "This is a multi-part message in MIME format.\n"
    if rnd.random() < 0.1:
        body += "\n"
    n = rnd.randint(0, 4) if depth < 4 else rnd.randint(0, 2)
    for i in range(n):
        mark = "--" + b
        if rnd.random() < 0.05:
            mark = "--" + b.upper()
        if rnd.random() < 0.05:
            mark += "   trailing junk"
        body += mark + "\n"
        if sub == "digest" and rnd.random() < 0.6:
            body += "\n" + message(depth + 1, inner=True)
        else:
            h, bb = part(depth + 1)
            body += h + "\n" + bb
        if rnd.random() < 0.1:
            body += "\n"
    fin = rnd.random()
    if fin < 0.8:
        body += "--" + b + "--\n"
        if rnd.random() < 0.3:
            body += "epilogue " + words(3) + "\n"
        if rnd.random() < 0.05:
            body += "--" + b + "\n" + "after the end\n"
    elif fin < 0.9:
        pass                               # no final boundary
    else:
        body += "--" + b + "--"            # final boundary without LF
    return hdr, body


def part(depth):
    r = rnd.random()
    if depth < 5 and r < 0.2:
        return multipart(depth)
    if depth < 5 and r < 0.28:
        return "Content-Type: message/rfc822\n" + extra_fields(), message(depth + 1, inner=True)
    return leaf(depth)


def top_fields(inner):
    h = ""
    h += "From: %s <user%d@example.com>\n" % (rnd.choice(["Alice", '"Bob B."', "=?utf-8?q?J=C3=B6rg?="]), rnd.randint(1, 99))
    h += "To: list@example.org\n"
    h += "Subject: %s\n" % words(rnd.randint(1, 6))
    if rnd.random() < 0.2:
        h += "Subject-Folded: first\n\tsecond\n  third\n"
    if rnd.random() < 0.1:
        h += "X-8bit: caf\xe9 \xff\xfe\n"
    h += "Date: Wed, 2 Dec 2026 10:%02d:00 +0100\n" % rnd.randint(0, 59)
    h += "Message-ID: <%d@example.com>\n" % rnd.randint(1, 10 ** 9)
    return h


def message(depth, inner=False):
    h = top_fields(inner)
    mv = rnd.random()
    if mv < 0.8:
        h += rnd.choice(["MIME-Version: 1.0\n", "Mime-Version: 1.0 (Generated)\n", "MIME-Version:1.0\n"])
    elif mv < 0.85:
        h += "MIME-Version: 2.0\n"
    r = rnd.random()
    if depth < 5 and r < 0.45:
        ph, pb = multipart(depth)
    elif depth < 5 and r < 0.5:
        ph, pb = "Content-Type: message/rfc822\n", message(depth + 1, inner=True)
    else:
        ph, pb = leaf(depth)
    return h + ph + "\n" + pb


def hostile(i):
    """Shapes real mail rarely has but parsers must survive."""
    k = i % 12
    if k == 0:
        return "MIME-Version: 1.0\nContent-Type: text/plain\nSubject: no blank line and no body"
    if k == 1:
        return "Subject: header only\n"
    if k == 2:
        return ""
    if k == 3:
        return "\n\nbody after an empty header\n"
    if k == 4:
        b = "a"
        return ("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n--a\n"
                "Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\ninner\n--a\n\nouter two\n--ab\n\nlate\n--a--\n")
    if k == 5:
        return ("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"\"\n\n--\n\nx\n----\nafter\n")
    if k == 6:
        return "MIME-Version: 1.0\nContent-Type: text/plain\n\nNUL\0byte and bare\rCR\r\nmixed ends\nlast"
    if k == 7:
        s = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=" + "B" * 1000 + "\n\n"
        return s + "--" + "B" * 1000 + "\n\nx\n--" + "B" * 1000 + "--\n"
    if k == 8:
        s = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=r\n\n"
        for j in range(rnd.randint(290, 320)):
            s += "--r\n\n%d\n" % j
        return s + "--r--\n"
    if k == 9:
        s = "MIME-Version: 1.0\n"
        d = rnd.randint(5, 60)
        for j in range(d):
            s += "Content-Type: multipart/mixed; boundary=n%d\n\n--n%d\n" % (j, j)
        return s + "\nleaf\n"
    if k == 10:
        return ("MIME-Version: 1.0\nContent-Type: multipart/digest; boundary=d\n\n--d\n\n"
                "Subject: digest one\n\nbody one\n--d\nContent-Type: text/plain\n\nnot a message\n--d--\n")
    return ("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=q\n\n--q\n"
            "Content-Type: message/rfc822\n\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=q2\n\n"
            "--q2\n\nalt\n--q\n\nouter closes inner\n--q--\n")


def line_ends(s, i):
    """CRLF, bare LF or a mix; sometimes no final LF."""
    k = i % 7
    if k == 3:
        s = s.replace("\n", "\r\n")
    elif k == 5:
        out = []
        for ln in s.split("\n"):
            out.append(ln + ("\r\n" if rnd.random() < 0.5 else "\n"))
        s = "".join(out)[:-1 if s.endswith("\n") else None]
        if not s.endswith("\n") and rnd.random() < 0.5:
            s += "\n"
    if i % 17 == 0 and s.endswith("\n"):
        s = s.rstrip("\r\n")
    return s


def main():
    os.makedirs(OUT, exist_ok=True)
    for i in range(COUNT):
        if i % 10 == 9:
            s = hostile(i // 10)
        else:
            s = message(0)
        s = line_ends(s, i)
        data = s.encode("latin-1", errors="replace") if all(ord(c) < 256 for c in s) else s.encode("utf-8")
        with open(os.path.join(OUT, "%04d.eml" % i), "wb") as f:
            f.write(data)


main()
