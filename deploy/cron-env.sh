# Read by bash before each cron job (BASH_ENV in deploy/crontab): the site's environment,
# from the same file the systemd units read.
set -a
. /srv/idekammare/.env
set +a
