"""gunicorn for the site, behind Varnish (deploy/systemd/idekammare.service):

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py idekammare.wsgi:application

GUNICORN_BIND, GUNICORN_WORKERS and GUNICORN_TIMEOUT in the site's .env change the defaults.
"""

import os

bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
# Sync workers, two per CPU this process may use, plus one. Each keeps a database connection
# open (CONN_MAX_AGE), so PostgreSQL's max_connections must allow them all, with the e-mail worker
# and the cron jobs besides.
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * len(os.sched_getaffinity(0)) + 1)
# A request that takes longer is cut off and its worker restarted; Varnish waits 60 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
# Request lines stay within gunicorn's 4094 bytes: a longer path gets a 414 here, not a 502 on
# the way (nginx and Varnish pass 16 KB).
limit_request_line = 4094
# A fresh worker now and then, so that no slow leak grows for weeks.
max_requests = 2000
max_requests_jitter = 200

proc_name = "idekammare"
# systemd starts, reloads (HUP) and stops it: no control socket in the site user's home.
control_socket_disable = True
# Both to the journal. Every connection comes from Varnish, so the client's address would say
# nothing (nginx's access log has it): the time, the request, status, bytes and milliseconds.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(B)s %(M)sms'
