"""Member organisations' answers to a call: one per organisation, given and changed by any of its
representatives until the reply-by date, read by the editors and exported for the partner.

`save_answer` is the one place an answer is kept; the admin's form goes through it.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Locale

from home.core.publication import RefusedChange
from home.core.spreadsheets import spreadsheet_csv
from members.models import MemberOrganisation, Representative

from .models import Answer, CallAnswer, CallPage
from .models.answers import NOTE_MAX_LENGTH


class AnswerRefused(RefusedChange):
    """An answer that cannot be kept now; the message says why."""


def answer_refusal(call, user, today=None):
    """Why `user` cannot answer `call` for their organisation now, or None."""
    if Representative.voting_organisation(user) is None:
        return _("Only a representative of a member organisation can answer a call.")
    if not call.live or call.locale_id != Locale.get_default().pk or not is_public(call):
        return _("This call is not published, so it cannot be answered.")
    if not call.is_open(today):
        return _(
            "The last day to answer was %(date)s. Your organisation's answer can no longer be "
            "changed."
        ) % {"date": date_format(call.reply_by, "j F Y")}
    return None


def is_public(call):
    """Whether `call` is outside every private section: a call only some may read is no call
    to the members."""
    return CallPage.objects.public().filter(pk=call.pk).exists()


def save_answer(call, user, *, answer, note="", consent_to_name=False):
    """Keep `user`'s organisation's answer to `call` in place of the one it gave before."""
    if answer not in Answer.values:
        raise AnswerRefused(_("Choose whether your organisation wants to take part."))
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise AnswerRefused(
            _("The note is longer than %(count)d characters.") % {"count": NOTE_MAX_LENGTH}
        )
    with transaction.atomic():
        # Locked, so that the reply-by date holds for a form sent at midnight, and two
        # representatives of one organisation answering at once leave one answer.
        call = (
            CallPage.objects.select_for_update(of=("self",))
            .select_related("locale")
            .get(pk=call.pk)
        )
        if refused := answer_refusal(call, user):
            raise AnswerRefused(refused)
        organisation = Representative.voting_organisation(user)
        entry = CallAnswer.objects.filter(call=call, organisation=organisation).first()
        previous = entry.answer if entry else None
        if entry is None:
            entry = CallAnswer(call=call, organisation=organisation)
        entry.answer = answer
        entry.note = note
        entry.consent_to_name = bool(consent_to_name)
        entry.answered_by = user
        entry.answered_at = timezone.now()
        entry.save()
        log(
            instance=call,
            action=f"calls.answer.{answer}",
            user=user,
            data={
                "organisation": {"id": organisation.pk, "name": organisation.name},
                "previous": previous,
                "consent_to_name": entry.consent_to_name,
            },
        )
    return entry


def answer_of(call, organisation):
    return CallAnswer.objects.filter(call=call, organisation=organisation).first()


def calls_for_representatives(today=None):
    """The live, public Swedish calls still open for answers, the soonest reply-by date first."""
    today = today or timezone.localdate()
    return (
        CallPage.objects.live()
        .public()
        .filter(locale=Locale.get_default(), reply_by__gte=today)
        .defer_streamfields()
        .order_by("reply_by", "pk")
    )


def calls_open_to(organisation):
    """The calls a representative of `organisation` may open in the admin: every live, public
    Swedish call (the public reads them too), and any public call the organisation has
    answered."""
    return (
        CallPage.objects.public()
        .filter(locale=Locale.get_default())
        .filter(Q(live=True) | Q(answers__organisation=organisation))
        .distinct()
    )


def answers_by_call(calls, organisation):
    """`organisation`'s answer to each of `calls`, by the call's primary key, in one query."""
    return {
        entry.call_id: entry
        for entry in CallAnswer.objects.filter(call__in=calls, organisation=organisation)
    }


def answers_for_editors(call):
    """Every answer to the Swedish `call`, by organisation name."""
    return (
        CallAnswer.objects.filter(call=call)
        .select_related("organisation", "answered_by")
        .order_by("organisation__name")
    )


def organisations_without_answer(call):
    return (
        MemberOrganisation.objects.active()
        .exclude(pk__in=CallAnswer.objects.filter(call=call).values("organisation"))
        .order_by("name")
    )


def answers_csv(call):
    """The answers as CSV for the partner, every cell defused against formulas."""
    return spreadsheet_csv(
        [
            _("Organisation"),
            _("Answer"),
            _("Note"),
            _("May be named publicly"),
            _("Answered by"),
            _("Last changed"),
        ],
        (
            (
                entry.organisation.name,
                entry.get_answer_display(),
                entry.note,
                _("Yes") if entry.consent_to_name else _("No"),
                entry.answerer_name,
                timezone.localtime(entry.answered_at).strftime("%Y-%m-%d %H:%M"),
            )
            for entry in answers_for_editors(call)
        ),
    )
