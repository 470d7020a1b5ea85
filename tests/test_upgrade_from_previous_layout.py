"""Slow integration test: a site populated under the previous layout upgrades without loss.

Until commit 54bd30f the `positions` app held the member organisations, the representatives, the
member directory and the member review; they now live in `members` and `member_review`, and
positions 0010/0011 carry their tables, content types and history across. This test checks that
on a real, populated database, as a running site would be upgraded:

1. the previous layout's code (`git archive 54bd30f`) migrates a fresh database, loads the demo
   content and runs two more member reviews (one adopted, one stopped by an objection);
2. the current code migrates that database; every row is still there, with the same ids, under the
   new app labels, and the site shows it: the member directory, an organisation's page, the
   statements' "N av M" endorsers and the review screens, and a representative can still vote.

3. migrating back to positions 0009 gives the previous code its rows again, and upgrading once
   more keeps them (the content types Django made for the new apps in between give way).

Each step runs in a `manage.py shell` subprocess of the code in question, with the development
settings (as `make run` does), on a database of its own: a file in tmp_path with SQLite,
`<test database>_upgrade` with PostgreSQL. One test, six processes.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings

import pytest

REPO = Path(__file__).resolve().parent.parent
PREVIOUS_LAYOUT = "54bd30f"
MOVED = {
    "memberorganisation": "members",
    "representative": "members",
    "memberdirectorypage": "members",
    "memberreviewtask": "member_review",
    "memberreviewtaskstate": "member_review",
    "elector": "member_review",
    "vote": "member_review",
}
LOG_ACTIONS = {
    "positions.vote.endorse": "member_review.vote.endorse",
    "positions.vote.abstain": "member_review.vote.abstain",
    "positions.vote.object": "member_review.vote.object",
    "positions.adopted": "member_review.adopted",
}
# Old labels as the upgrade renames them; facts are compared after this translation.
RENAMED = {f"positions.{model}": f"{app}.{model}" for model, app in MOVED.items()} | LOG_ACTIONS

ADOPTED = {
    "slug": "ideburna-lokaler-i-varje-kommun",
    "title": "Idéburna mötesplatser i varje kommun",
}
REJECTED = {
    "slug": "en-gemensam-lokalbank",
    "title": "En gemensam lokalbank för länet",
}
OBJECTION = "Förslaget glömmer de föreningar som saknar egna lokaler."

# The steps run inside `manage.py shell` as `manage.py migrate` and `load_demo_content` would run
# them: one process per step of the story rather than one per command keeps the test affordable.
MIGRATE = """
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
ContentType.objects.clear_cache()
"""
LOAD_DEMO = """
from django.core.management import call_command
call_command("load_demo_content", force=True, verbosity=0)
"""
MIGRATE_BACK = """
from django.core.management import call_command
call_command("migrate", "positions", "0009", interactive=False, verbosity=0)
"""

# Run by the previous code after the demo: two more member reviews, one adopted by 7 of the 12
# organisations (one of which first abstained), one stopped by an objection.
MORE_REVIEWS = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Workflow
from home.demo_content import paragraph, topics
from positions.models import PositionIndexPage, PositionStatementPage
from positions.review.voting import cast_vote

User = get_user_model()
editor = User.objects.get(username="redaktor")
index = PositionIndexPage.objects.get(locale__language_code="sv")
workflow = Workflow.objects.get(name="Ställningstagande")


def review(spec, votes):
    page = PositionStatementPage(
        **spec,
        summary="Ett utkast som medlemmarna granskar.",
        body=[paragraph("<p>Varje kommun behöver en mötesplats för föreningslivet.</p>")],
        live=False,
        owner=editor,
    )
    page.topics = topics("demokrati")
    index.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    workflow_state = workflow.start(page, editor)
    workflow_state.current_task_state.approve(user=User.objects.get(username="admin"))
    state = workflow_state.current_task_state.specific
    for number, choice, reason in votes:
        cast_vote(state, User.objects.get(username=f"representant{{number}}"), choice, reason)


review(
    {ADOPTED!r},
    [(5, "abstain", "")]
    + [(number, "endorse", "") for number in (1, 2, 3, 4, 5, 6, 8)],
)
review({REJECTED!r}, [(1, "endorse", ""), (2, "object", {OBJECTION!r})])
"""

# Run by both codes: what must survive the upgrade, by id. The app labels come from the
# environment: "positions,positions" for the previous layout, "members,member_review" for this one.
FACTS = """
import json
import os
from collections import Counter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Comment, ModelLogEntry, Page, PageLogEntry, Revision, TaskState, Workflow, WorkflowState
)

members, review = os.environ["UPGRADE_APPS"].split(",")
MemberOrganisation = apps.get_model(members, "MemberOrganisation")
Representative = apps.get_model(members, "Representative")
MemberDirectoryPage = apps.get_model(members, "MemberDirectoryPage")
MemberReviewTask = apps.get_model(review, "MemberReviewTask")
MemberReviewTaskState = apps.get_model(review, "MemberReviewTaskState")
Elector = apps.get_model(review, "Elector")
Vote = apps.get_model(review, "Vote")
Endorsement = apps.get_model("positions", "Endorsement")
Adoption = apps.get_model("positions", "Adoption")

MOVED = json.loads(os.environ["UPGRADE_MOVED"])
moved_types = ContentType.objects.filter(
    app_label__in=["positions", "members", "member_review"], model__in=MOVED
)


def label(content_type):
    return f"{content_type.app_label}.{content_type.model}"


def when(value):
    return value.isoformat() if value else None


def ids(queryset):
    return sorted(queryset.values_list("pk", flat=True))


review_actions = Q(action__contains=".vote.") | Q(action__endswith=".adopted")
facts = {
    "content types": {str(ct.pk): label(ct) for ct in moved_types},
    "member organisations": [
        [o.pk, o.locale.language_code, str(o.translation_key), o.name, o.slug,
         o.organisation_number, o.municipality, o.website, o.description, when(o.member_since),
         o.active, o.logo_id, ids(o.areas.all())]
        for o in MemberOrganisation.objects.order_by("pk")
    ],
    "representatives": [
        [r.pk, r.user.username, r.organisation_id] for r in Representative.objects.order_by("pk")
    ],
    "member directory pages": [
        [p.pk, p.locale.language_code, p.url_path, p.title, p.introduction, p.live,
         label(p.content_type), p.live_revision_id, p.latest_revision_id]
        for p in MemberDirectoryPage.objects.order_by("pk")
    ],
    "member review tasks": [
        [t.pk, t.name, label(t.content_type), t.active, t.review_period_days, t.decision_rule,
         t.minimum_endorsements, t.qualified_percent, t.objection_blocks]
        for t in MemberReviewTask.objects.order_by("pk")
    ],
    "workflows": [
        [w.pk, w.name, [[wt.task_id, label(wt.task.content_type)]
                        for wt in w.workflow_tasks.order_by("sort_order")]]
        for w in Workflow.objects.order_by("pk")
    ],
    "member reviews": [
        [s.pk, s.status, s.workflow_state.object_id, s.workflow_state.status, s.revision_id,
         s.task_id, label(s.content_type), when(s.deadline), when(s.finished_at), s.comment]
        for s in MemberReviewTaskState.objects.select_related("workflow_state").order_by("pk")
    ],
    "electorates": [
        [e.pk, e.task_state_id, e.organisation_id] for e in Elector.objects.order_by("pk")
    ],
    "votes": [
        [v.pk, v.task_state_id, v.organisation.slug, v.choice, v.reason,
         v.cast_by.username if v.cast_by else None, when(v.cast_at)]
        for v in Vote.objects.select_related("organisation", "cast_by").order_by("pk")
    ],
    "endorsements": [
        [e.pk, e.page_id, e.organisation_id, e.revision_id, when(e.endorsed_at)]
        for e in Endorsement.objects.order_by("pk")
    ],
    "adoptions": [
        [a.pk, a.page_id, a.task_state_id, a.endorse, a.eligible, when(a.adopted_at)]
        for a in Adoption.objects.order_by("pk")
    ],
    "review history": [
        [e.pk, e.action, e.page_id, e.revision_id, e.user_id, e.data, when(e.timestamp)]
        for e in PageLogEntry.objects.filter(review_actions).order_by("pk")
    ],
    "history of moved models": sorted(
        [e.pk, e.action, label(e.content_type), e.object_id]
        for e in ModelLogEntry.objects.filter(content_type__in=moved_types)
    ),
    "revisions of moved models": sorted(
        [r.pk, label(r.content_type), r.object_id, r.object_str]
        for r in Revision.objects.filter(content_type__in=moved_types)
    ),
    "permissions": sorted(
        [p.pk, label(p.content_type), p.codename]
        for p in Permission.objects.filter(content_type__in=moved_types)
    ),
    "group permissions": {
        group.name: sorted(
            f"{label(p.content_type)}:{p.codename}"
            for p in group.permissions.filter(content_type__in=moved_types)
        )
        for group in Group.objects.order_by("name")
    },
    "objection comments": sorted(
        [c.pk, c.page_id, c.user.username if c.user else None, c.text]
        for c in Comment.objects.all()
    ),
    "totals": {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "page log entries": PageLogEntry.objects.count(),
        "workflow states": WorkflowState.objects.count(),
        "task states": TaskState.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    },
}
result["facts"] = facts
"""

# Run by the current code on the upgraded database: what a reader, an administrator and a
# representative see, and one new vote and one new member, as after any upgrade.
SITE = """
import json
import os

from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Locale, TaskState

from member_review.models import MemberReviewTaskState
from members.models import MemberOrganisation

User = get_user_model()
client = Client()
seen = {}


def visit(url):
    response = client.get(url)
    seen[url] = {"status": response.status_code, "text": response.content.decode()}


for url in json.loads(os.environ["UPGRADE_PUBLIC_URLS"]):
    visit(url)
client.force_login(User.objects.get(username="admin"))
for url in json.loads(os.environ["UPGRADE_ADMIN_URLS"]):
    visit(url)

# A representative who had not voted votes on the running review, through its screen.
running = MemberReviewTaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
client.force_login(User.objects.get(username="representant4"))
response = client.post(f"/admin/medlemsgranskning/{running.pk}/", {"choice": "endorse"})
seen["vote"] = {"status": response.status_code, "text": response.content.decode()}

# A new member organisation gets an id of its own next to the moved rows.
new_member = MemberOrganisation.objects.create(
    name="Nya Föreningen Efter Uppgraderingen",
    slug="nya-foreningen",
    organisation_number="802600-9998",
    municipality="karlstad",
    locale=Locale.objects.get(language_code="sv"),
)
seen["new member"] = {"status": new_member.pk, "text": ""}
result["site"] = seen
"""


class Code:
    """One checkout of the project, run with `manage.py` against the upgrade database."""

    def __init__(self, root, env, apps, tmp_path):
        self.root = root
        self.env = env | {"UPGRADE_APPS": apps}
        self.tmp_path = tmp_path

    def manage(self, *args, extra_env=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.root,
            env=self.env | (extra_env or {}),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            pytest.fail(
                f"`manage.py {' '.join(args)[:80]}` failed in {self.root} "
                f"(exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}",
                pytrace=False,
            )
        return result

    def shell(self, *scripts, **extra_env):
        """Run `scripts` in one `manage.py shell`; returns the `result` dict they fill."""
        output = self.tmp_path / "shell-output.json"
        output.unlink(missing_ok=True)
        script = "\n".join(
            [
                "result = {}",
                *scripts,
                "import json, os",
                "with open(os.environ['UPGRADE_OUTPUT'], 'w') as output:",
                "    json.dump(result, output, ensure_ascii=False)",
            ]
        )
        env = {"UPGRADE_OUTPUT": str(output), "UPGRADE_MOVED": json.dumps(list(MOVED))}
        self.manage("shell", "--no-imports", "-c", script, extra_env=env | extra_env)
        return json.loads(output.read_text())


def renamed(value):
    """`value` with the previous layout's labels and log actions as the upgrade renames them."""
    if isinstance(value, str):
        if ":" in value and value.split(":", 1)[0] in RENAMED:
            app_model, codename = value.split(":", 1)
            return f"{RENAMED[app_model]}:{codename}"
        return RENAMED.get(value, value)
    if isinstance(value, list):
        return [renamed(item) for item in value]
    if isinstance(value, dict):
        return {key: renamed(item) for key, item in value.items()}
    return value


def upgraded(facts):
    """The facts of the previous layout as the upgrade should leave them."""
    expected = renamed(facts)
    expected["group permissions"] = {
        group: sorted(codenames) for group, codenames in expected["group permissions"].items()
    }
    return expected


def assert_same(expected, actual, when):
    """Every kind of fact matches, each with a message that names what was lost or changed."""
    problems = []
    for kind, rows in expected.items():
        found = actual.get(kind)
        if found == rows:
            continue
        if isinstance(rows, list):
            missing = [row for row in rows if row not in found]
            extra = [row for row in found if row not in rows]
            problems.append(f"{kind}: missing {missing}, new or changed {extra}")
        else:
            problems.append(f"{kind}: expected {rows}, found {found}")
    assert not problems, f"{when}, not everything is as before:\n" + "\n".join(problems)


def export_previous_layout(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", PREVIOUS_LAYOUT],  # noqa: S607
        capture_output=True,
    )
    if archive.returncode != 0:
        pytest.fail(
            f"The previous layout ({PREVIOUS_LAYOUT}) is not in the git history; the upgrade "
            f"test needs it (in CI: fetch-depth 0).\n{archive.stderr.decode()}",
            pytrace=False,
        )
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)  # noqa: S607
    return old


@contextmanager
def upgrade_database(tmp_path):
    """A database URL of its own for the upgrade, never the test database; dropped afterwards."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        # Durability is not the point here; without fsync the migrations run a little faster.
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}?init_command=PRAGMA+synchronous%3DOFF"
        return
    import psycopg
    from psycopg import sql

    name = f"{database.get('TEST', {}).get('NAME') or 'test_' + database['NAME']}_upgrade"
    connection = psycopg.connect(
        dbname="postgres",
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        autocommit=True,
    )
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    connection.execute(drop)
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    address = (database["HOST"] or "") + (f":{database['PORT']}" if database["PORT"] else "")
    url = os.environ.get("DATABASE_URL") or f"postgresql://{credentials}@{address}/"
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        connection.execute(drop)
        connection.close()


def environment(database_url, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "idekammare.settings.dev",  # as manage.py and `make run`
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",
        "SECRET_KEY": "upgrade-test-" + "x" * 50,  # no .dev-secret-key written into the repo
        "MEDIA_ROOT": str(tmp_path / "media"),  # the demo's images and documents stay in tmp
        "STATIC_ROOT": str(tmp_path / "static"),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }


def texts(site, *urls):
    """The visible text of the pages at `urls`, each of which must answer 200."""
    for url in urls:
        assert site[url]["status"] == 200, f"{url} answers {site[url]['status']} after the upgrade"
    text = " ".join(re.sub(r"<[^>]+>", " ", site[url]["text"]) for url in urls)
    return re.sub(r"\s+", " ", html.unescape(text))


def test_upgrade_from_previous_layout_loses_nothing(tmp_path):
    """Slow (a minute or more): the previous code and this one, in turn, on one database."""
    if shutil.which("git") is None:
        pytest.fail("The upgrade test needs git to export the previous layout.", pytrace=False)
    old_root = export_previous_layout(tmp_path)
    with upgrade_database(tmp_path) as database_url:
        env = environment(database_url, tmp_path)
        old = Code(old_root, env, "positions,positions", tmp_path)
        new = Code(REPO, env, "members,member_review", tmp_path)

        # The previous layout, populated as `make demo` does, plus two finished reviews.
        old.manage("compile_translations")
        before = old.shell(MIGRATE, LOAD_DEMO, MORE_REVIEWS, FACTS)["facts"]
        assert_demo_has_what_the_test_needs(before)

        # The upgrade.
        after = new.shell(MIGRATE, FACTS)["facts"]
        assert_same(upgraded(before), after, "After the upgrade")

        # The site works; then back to the previous layout, where the previous code finds its
        # rows, and up again.
        latest = assert_site_works(new, after, then=MIGRATE_BACK)
        back = upgraded(old.shell(FACTS)["facts"])
        # The new apps' unused content types, made by post_migrate in between, may stay there.
        back["content types"] = {
            pk: name for pk, name in back["content types"].items() if pk in latest["content types"]
        }
        assert_same(latest, back, "After migrating back")
        assert_same(latest, new.shell(MIGRATE, FACTS)["facts"], "After upgrading again")


def assert_demo_has_what_the_test_needs(before):
    """The previous demo and reviews produced what the comparison is meant to cover."""
    choices = sorted({vote[3] for vote in before["votes"]})
    assert choices == ["abstain", "endorse", "object"], choices
    assert len(before["member reviews"]) == 3, before["member reviews"]
    assert before["adoptions"], "no member review adopted a statement"
    actions = {entry[1] for entry in before["review history"]}
    assert set(LOG_ACTIONS) <= actions, actions
    assert before["objection comments"], "the objection left no comment"
    assert any(
        "positions.memberorganisation:manage_membership" in codenames
        for codenames in before["group permissions"].values()
    ), before["group permissions"]


def assert_site_works(new, after, then):
    """What readers, editors and a representative see after the upgrade; returns the final facts
    (before `then`, the script run last in the same process)."""
    organisations = after["member organisations"]
    swedish = {o[4]: o for o in organisations if o[1] == "sv"}
    english = {o[4]: o for o in organisations if o[1] == "en"}
    active = [o[3] for o in swedish.values() if o[10]]
    inactive = [o[3] for o in swedish.values() if not o[10]]
    running, adopted, _rejected = sorted(after["member reviews"], key=lambda state: state[0])
    running_votes = [vote[3] for vote in after["votes"] if vote[1] == running[0]]
    adoption = after["adoptions"][0]
    directory, organisation_page = "/medlemmar/", "/medlemmar/grannkraft/"
    statement = "/stallningstaganden/unga-vuxnas-psykiska-halsa/"
    adopted_statement = f"/stallningstaganden/{ADOPTED['slug']}/"
    listing = "/admin/snippets/members/memberorganisation/"
    public_urls = [directory, "/en/members/", organisation_page, statement, adopted_statement]
    admin_urls = [
        f"/admin/medlemsgranskning/{running[0]}/",
        f"/admin/medlemsgranskning/{adopted[0]}/",
        listing,
        f"{listing}?p=2",
    ]
    output = new.shell(
        SITE,
        FACTS,
        then,
        UPGRADE_PUBLIC_URLS=json.dumps(public_urls),
        UPGRADE_ADMIN_URLS=json.dumps(admin_urls),
    )
    site, final = output["site"], output["facts"]

    # Readers: the directory in both languages, an organisation's page, the endorsers.
    for urls in [[directory], ["/en/members/"], [listing, f"{listing}?p=2"]]:
        missing = [name for name in active if name not in texts(site, *urls)]
        assert not missing, f"{' and '.join(urls)} no longer list {missing}"
    hidden = [name for name in inactive if name in texts(site, directory)]
    assert not hidden, f"the directory now lists organisations that are not active: {hidden}"
    assert english["grannkraft"][8] in texts(site, "/en/members/"), "English description lost"
    page = texts(site, organisation_page)
    assert swedish["grannkraft"][3] in page and swedish["grannkraft"][8] in page
    assert re.search(rf"\b9 (av|of) {len(active)}\b", texts(site, statement)), (
        f"{statement} no longer shows its 9 of {len(active)} endorsing organisations"
    )
    assert re.search(rf"\b{adoption[3]} (av|of) {adoption[4]}\b", texts(site, adopted_statement)), (
        f"{adopted_statement} no longer shows the {adoption[3]} of {adoption[4]} who adopted it"
    )

    # Editors: the review screens still count the votes cast before the upgrade.
    review = texts(site, f"/admin/medlemsgranskning/{running[0]}/")
    for label, choice in [("(Står bakom|Endorse)", "endorse"), ("(Avstår|Abstain)", "abstain")]:
        count = running_votes.count(choice)
        assert re.search(rf"{label} {count} \(", review), (
            f"the running review no longer shows {count} × {choice}: {review[:3000]}"
        )
    closed = texts(site, f"/admin/medlemsgranskning/{adopted[0]}/")
    assert re.search(rf"(Står bakom|Endorse) {adoption[3]} \(", closed), closed[:3000]

    # A representative votes, and an administrator's new member gets an id of its own.
    assert site["vote"]["status"] == 302, (
        f"a representative could not vote after the upgrade: {site['vote']['text'][:2000]}"
    )
    assert site["new member"]["status"] > max(o[0] for o in organisations)
    new_votes = [vote for vote in final["votes"] if vote not in after["votes"]]
    assert [vote[1:4] for vote in new_votes] == [[running[0], "torsby-friluft", "endorse"]]
    assert new_votes[0][0] > max(vote[0] for vote in after["votes"])
    actions = {entry[1] for entry in final["review history"]}
    assert "member_review.vote.endorse" in actions and actions <= set(LOG_ACTIONS.values())
    return final
