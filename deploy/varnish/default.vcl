# Varnish 7.1 (Debian 12's varnish) in front of gunicorn, behind nginx: nginx → :6081 → :8000.
# The site says what may be cached (Cache-Control) and tags each page in an `xkey` response
# header ("xkey: page-12 listing-5 chrome"); publishing purges by tag:
#     PURGE / HTTP/1.1        with   xkey-purge: page-12 chrome
# A PURGE without xkey-purge purges its own URL (for the Host it names).
# Tested by `varnishtest deploy/varnish/tests/*.vtc`. Varnish itself is started with
# `-p http_req_hdr_len=16k -p http_resp_hdr_len=32k` (deploy/systemd/varnish.service.d).
vcl 4.1;

import std;
import xkey;  # Debian's varnish-modules

# The only backend, so the default one (the tests declare their stub before it, so theirs is).
backend gunicorn {
    .host = "127.0.0.1";
    .port = "8000";
    .first_byte_timeout = 60s;
    # Sick after 3 failed probes out of 5 (about 15 s); stale pages are then served for their grace.
    # The probe must pass ALLOWED_HOSTS (so that list includes localhost) and the HTTPS redirect.
    .probe = {
        .request = "GET /healthz HTTP/1.1"
                   "Host: localhost"
                   "X-Forwarded-Proto: https"
                   "Connection: close";
        .interval = 5s;
        .timeout = 3s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the site itself, on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # nginx connects from 127.0.0.1 too: it refuses PURGE, and whatever it forwards carries
        # its X-Forwarded-Proto, so a PURGE from the internet never counts as local.
        if (client.ip !~ purgers || req.http.X-Forwarded-Proto) {
            return (synth(405, "Method Not Allowed"));
        }
        if (req.http.xkey-purge) {
            return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge)));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/healthz(\?|$)") {
        return (pass);
    }
    # The path decides the language (/ Swedish, /en/ English), never the browser.
    unset req.http.Accept-Language;
    # Signed in (an editor, a representative, a reader past a page password): straight through.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }
    # Readers need no cookie, and a stray one (analytics, csrftoken) must not split the cache.
    unset req.http.Cookie;
    # After vcl_hit restarts a stale object that is past its stale-while-revalidate, take no
    # stale copy at all: wait for a fresh one.
    if (req.restarts > 0) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hit {
    # Grace is long (below) so that pages outlive a dead backend; while the backend is healthy,
    # a stale page is served only within its stale-while-revalidate, refreshed in the background.
    if (obj.ttl < 0s && req.restarts == 0 && std.healthy(req.backend_hint)
        && obj.ttl + std.duration(obj.http.X-Revalidate-Grace + "s", 0s) <= 0s) {
        return (restart);
    }
}

sub vcl_backend_response {
    # A background refresh that failed keeps the stale page rather than replace it with an error.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Stored only when the site says how long (beresp.ttl comes from s-maxage, else max-age),
    # and never a response that sets a cookie or is private. For two minutes after such an
    # answer, requests for the URL go straight to the backend (hit-for-miss).
    if (beresp.ttl <= 0s
        || beresp.http.Cache-Control !~ "(?i)\b(s-maxage|max-age)="
        || beresp.http.Cache-Control ~ "(?i)\b(private|no-store|no-cache)\b"
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish has set beresp.grace from stale-while-revalidate (else 10 s, default_grace): keep
    # it for vcl_hit, and serve the page for stale-if-error (else 24 h) while the backend is down.
    set beresp.http.X-Revalidate-Grace = beresp.grace;
    if (beresp.http.Cache-Control ~ "(?i)\bstale-if-error=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "(?i)^.*\bstale-if-error=(\d+).*$", "\1s"), 24h);
    } else {
        set beresp.grace = 24h;
    }
    return (deliver);
}

sub vcl_deliver {
    # Tags and the grace note are for Varnish only.
    unset resp.http.xkey;
    unset resp.http.X-Revalidate-Grace;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
