"""The final check of the references: one SMTP session, fewest round trips.

EHLO; without login MAIL+RCPT+RSET to a non-local address (pipelined) must be refused;
AUTH CRAM-MD5 must succeed; MAIL+RCPT+DATA (pipelined), the message, QUIT. Exit 0 when
all of that held. The password comes on stdin. Standard library only (no smtplib: it
does not pipeline).

Usage: python3 smtp_check.py HOST PORT USER < password
"""

from __future__ import annotations

import base64
import hmac
import socket
import sys


def main() -> int:
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    password = sys.stdin.readline().rstrip("\n")
    sock = socket.create_connection((host, port), timeout=30)
    f = sock.makefile("rb")

    def reply() -> tuple[int, str]:
        lines = []
        while True:
            line = f.readline().decode("utf-8", "replace")
            if not line:
                raise SystemExit("connection closed")
            lines.append(line.rstrip("\r\n"))
            if line[3:4] != "-":
                return int(line[:3]), "\n".join(lines)

    def send(*commands: str) -> list[tuple[int, str]]:
        sock.sendall("".join(c + "\r\n" for c in commands).encode())
        return [reply() for _ in commands]

    code, _ = reply()
    assert code == 220, code
    ((code, ehlo),) = send("EHLO bench.invalid")
    assert code == 250 and "CRAM-MD5" in ehlo, ehlo
    to = "someone@example.net"
    m, r, _ = send("MAIL FROM:<bench@example.com>", f"RCPT TO:<{to}>", "RSET")
    if 200 <= r[0] < 300:
        raise SystemExit(f"OPEN RELAY: {r}")
    assert r[0] >= 500, r
    ((code, text),) = send("AUTH CRAM-MD5")
    assert code == 334, text
    challenge = base64.b64decode(text[4:])
    digest = hmac.new(password.encode(), challenge, "md5").hexdigest()
    ((code, text),) = send(base64.b64encode(f"{user} {digest}".encode()).decode())
    assert code == 235, text
    m, r, d = send(f"MAIL FROM:<{to}>", f"RCPT TO:<{to}>", "DATA")
    assert m[0] == 250 and r[0] in (250, 251) and d[0] == 354, (m, r, d)
    body = f"From: <{to}>\r\nTo: <{to}>\r\nSubject: bench\r\n\r\nbench\r\n."
    (code, text), _quit = send(body, "QUIT")
    assert code == 250, text
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
