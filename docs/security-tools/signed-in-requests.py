#!/usr/bin/env python3
"""Signs a fresh staff account in to a local Vigie (password, then TOTP enrollment) and writes
raw HTTP requests that carry its session and CSRF token, for `sqlmap -r FILE`.

Usage: signed-in-requests.py BASE_URL LOGIN PASSWORD PERSON_ID OUT_DIR
With VIGIE_TLS_UNVERIFIED=1, an https BASE_URL's certificate is not checked (a throw-away
self-signed one on loopback).
Writes OUT_DIR/search.req (POST /api/persons/search, the value marked for injection) and
OUT_DIR/read.req (GET /api/persons/{id}, the id and the purpose marked). Only for a throw-away
Vigie on loopback that you run yourself (docs/security.md).
"""
import base64, hashlib, hmac, http.cookiejar, json, os, ssl, struct, sys, time, urllib.parse, urllib.request

base, login, password, person, out = sys.argv[1:6]
jar = http.cookiejar.CookieJar()
tls = ssl._create_unverified_context() if os.environ.get("VIGIE_TLS_UNVERIFIED") == "1" else None
http_client = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=tls))


def cookie(name):
    return next((c.value for c in jar if c.name == name), None)


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if cookie("XSRF-TOKEN"):
        request.add_header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
    with http_client.open(request) as answer:
        text = answer.read().decode()
        return json.loads(text) if text else {}


def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


call("GET", "/api/session")
call("POST", "/api/session", {"login": login, "password": password})
# The first run enrolls TOTP and keeps its seed beside the requests; later runs prove it.
seed_file = os.path.join(out, "totp-seed")
if os.path.exists(seed_file):
    call("POST", "/api/session/totp", {"code": totp(open(seed_file).read().strip())})
else:
    uri = call("POST", "/api/me/totp", {})["uri"]
    secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
    os.makedirs(out, exist_ok=True)
    with open(os.open(seed_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(secret)
    call("POST", "/api/me/totp/confirmation", {"code": totp(secret)})
call("GET", "/api/session")

host = urllib.parse.urlparse(base).netloc
cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
headers = f"Host: {host}\r\nCookie: {cookies}\r\nX-XSRF-TOKEN: {cookie('XSRF-TOKEN')}\r\n"
search = json.dumps({"criterion": "IDENTIFIER_EXACT", "value": "12345678901*", "purpose": "FOLLOW_UP"})
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "search.req"), "w") as f:
    f.write(f"POST /api/persons/search HTTP/1.1\r\n{headers}Content-Type: application/json\r\n"
            f"Content-Length: {len(search)}\r\n\r\n{search}")
with open(os.path.join(out, "read.req"), "w") as f:
    f.write(f"GET /api/persons/{person}*?purpose=FOLLOW_UP* HTTP/1.1\r\n{headers}\r\n")
print("signed in as", login, "; requests in", out)
