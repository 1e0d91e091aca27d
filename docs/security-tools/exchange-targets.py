#!/usr/bin/env python3
"""Prepares a throw-away exchange (started by you, docs/security.md) for sqlmap: enrols an account
and a person of it on the register's API, places two batches in its outbound/, signs the person in
over HTTPS (password and TOTP code) and writes one raw request per route with the injection points
marked *, for `sqlmap -r FILE --force-ssl` (the HTTPS side) or `sqlmap -r FILE` (the register's API).

Usage: exchange-targets.py DATA_DIR API_PORT HTTPS_PORT OUT_DIR
DATA_DIR is the exchange's --vigie.exchange.data-dir (its api-token and self-signed certificate).
Only for an exchange on loopback that you run yourself.
"""
import base64, hashlib, hmac, json, os, ssl, struct, sys, time, urllib.parse, urllib.request

data, api_port, https_port, out = sys.argv[1:5]
api = f"http://127.0.0.1:{api_port}"
token = open(os.path.join(data, "api-token")).read().strip()
tls = ssl.create_default_context(cafile=os.path.join(data, "https-certificate.pem"))
tls.check_hostname = False


def call(method, path, body=None, content_type="application/json"):
    request = urllib.request.Request(api + path, data=body, method=method)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request) as answer:
        text = answer.read().decode()
        return json.loads(text) if text.startswith("{") else text


def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


call("PUT", "/api/accounts/digit", b"{}")
enrolment = call("PUT", "/api/accounts/digit/users/digit.alice")
secret = urllib.parse.parse_qs(urllib.parse.urlparse(enrolment["otpauthUri"]).query)["secret"][0]
batch = os.urandom(300_000)
for name in ("batch-1.pgp", "batch-2.pgp"):
    call("PUT", "/api/accounts/digit/outbound/" + name, batch, "application/octet-stream")

form = urllib.parse.urlencode(
    {"login": "digit.alice", "password": enrolment["password"], "code": totp(secret)}).encode()
with urllib.request.urlopen(
        f"https://127.0.0.1:{https_port}/session", data=form, context=tls) as answer:
    bearer = answer.read().decode().strip()
with urllib.request.urlopen(urllib.request.Request(
        f"https://127.0.0.1:{https_port}/files/outbound/batch-1.pgp", method="HEAD",
        headers={"Authorization": "Bearer " + bearer}), context=tls) as answer:
    etag = answer.headers["ETag"]

os.makedirs(out, exist_ok=True)
web = f"Host: 127.0.0.1:{https_port}\r\nAuthorization: Bearer {bearer}\r\n"
register = f"Host: 127.0.0.1:{api_port}\r\nAuthorization: Bearer {token}\r\n"
requests = {
    # the sign-in: a wrong password, so that every attempt is refused and no account is locked
    "session": "POST /session HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
               "login=digit.alice*&password=not-the-password*&code=123456*" % https_port,
    # the download: an If-Range equal to the file's ETag, so that the Range is honoured (206)
    "download": f"GET /files/outbound/batch-1.pgp* HTTP/1.1\r\n{web}"
                f"Range: bytes=0-99*\r\nIf-Range: {etag}*\r\n\r\n",
    "api-outbound": f"GET /api/accounts/digit*/outbound* HTTP/1.1\r\n{register}\r\n",
    "api-collect": f"GET /api/accounts/digit*/inbound/results-1.pgp* HTTP/1.1\r\n{register}\r\n",
    "api-operations": f"GET /api/operations?after=0*&limit=5* HTTP/1.1\r\n{register}\r\n",
    "api-account": f"PUT /api/accounts/digit2* HTTP/1.1\r\n{register}"
                   "Content-Type: application/json\r\n\r\n"
                   '{"quotaBytes": 1000000*, "maxFileBytes": 1000*}',
    "api-key": f"PUT /api/accounts/digit/keys HTTP/1.1\r\n{register}"
               "Content-Type: application/json\r\n\r\n"
               '{"publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO1rIo0dPsKxBvJ0f1a2WQ0dx7Q9B'
               'w4fXw6H4cM7lR9a test*"}',
    "api-enrol": f"PUT /api/accounts/digit*/users/digit.bob* HTTP/1.1\r\n{register}\r\n",
    "api-suspension": f"DELETE /api/accounts/digit*/suspension HTTP/1.1\r\n{register}\r\n",
    # the API's token itself, anonymous tries
    "api-token": f"GET /api/operations HTTP/1.1\r\nHost: 127.0.0.1:{api_port}\r\n"
                 "Authorization: Bearer wrong-token*\r\n\r\n",
}
for name, text in requests.items():
    with open(os.path.join(out, name + ".req"), "w") as f:
        f.write(text)
print("ETag", etag, "; requests in", out)
