#!/usr/bin/env python3
"""Writes a wapiti 3.0.4 cookie file (-c FILE) for 127.0.0.1 from a Cookie header's value, so that
wapiti scans signed in (docs/security.md, "The third pass").

Usage: wapiti-cookies.py "JSESSIONID=...; XSRF-TOKEN=..." OUT.json
Take the header from a request file that signed-in-requests.py wrote, or from space-sign-in.sh's v.jar.
"""
import json, sys

header, out = sys.argv[1:3]
cookies = {}
for part in header.split(";"):
    name, value = part.strip().split("=", 1)
    cookies[name] = {"value": value, "expires": None, "secure": False, "port": None, "version": 0}
with open(out, "w") as f:
    json.dump({"127.0.0.1": {"/": cookies}}, f)
