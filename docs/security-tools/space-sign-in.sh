#!/bin/bash
# Signs the provider's user fc-sqlmap in to a throw-away Vigie's space (docs/security.md, "The
# exchange's HTTPS API and the person's space"), walking the OIDC redirects with curl. Vigie's
# cookies go to v.jar, the provider's to p.jar: both sites are on 127.0.0.1 and both name their
# cookie JSESSIONID. The provider's pages answer only a browser's Accept: text/html.
# With VIGIE_TLS_UNVERIFIED=1, an https URL's certificate is not checked (a throw-away one).
V=${1:?Vigie base URL, e.g. http://127.0.0.1:8080}
rm -f v.jar p.jar
if [ "${VIGIE_TLS_UNVERIFIED:-}" = 1 ]; then curl() { command curl -k "$@"; }; fi
get() { curl -s -H 'Accept: text/html' -D - -o /dev/null "$@" | grep -i '^location:' | head -1 | sed 's/^[Ll]ocation: *//' | tr -d '\r'; }
u1=$(get -c v.jar -b v.jar "$V/space/oauth2/authorization/franceconnect")   # to the provider
u2=$(get -c p.jar -b p.jar "$u1")                                           # its /login
csrf=$(curl -s -H 'Accept: text/html' -c p.jar -b p.jar "$u2" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//;s/"$//')
u3=$(get -c p.jar -b p.jar --data-urlencode username=fc-sqlmap --data-urlencode password=fc-password --data-urlencode "_csrf=$csrf" "$u2")
u4=$(get -c p.jar -b p.jar "$u3")                                           # back to Vigie, code and state
get -c v.jar -b v.jar "$u4" > /dev/null
curl -s -b v.jar -c v.jar -o /dev/null -w 'GET /space: %{http_code} (200: signed in)\n' "$V/space"
