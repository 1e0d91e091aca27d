#!/usr/bin/python3
"""wapiti 3.0.4 under Python 3.11: its -x patterns end with an inline flag that 3.11 refuses
(re.error "global flags not at the start"); the same translation with the flags first."""
import re, sys
import wapitiCore.net.crawler as crawler
def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")
crawler.wildcard_translate = wildcard_translate
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
