import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from home.models import HomePage
from positions.factories import ConsultationResponsePageFactory, IssuingAuthorityFactory
from positions.models import ConsultationIndexPage, ConsultationResponsePage

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def section_titles(html, heading_id):
    section = re.search(
        rf'<section aria-labelledby="{heading_id}">.*?</section>', html, re.S
    ).group(0)
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section)


def open_consultation(**fields):
    return {
        "received_date": days(-3),
        "response_deadline": days(10),
        "submitted_date": None,
        "status": "received",
        "stance": "",
    } | fields


class TestConsultationPageTypes(WagtailPageTestCase):
    def test_responses_live_in_the_register_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ConsultationIndexPage, {ConsultationResponsePage})
        self.assertAllowedParentPageTypes(ConsultationResponsePage, {ConsultationIndexPage})


@pytest.mark.django_db
class TestValidation:
    def page(self, **fields):
        return ConsultationResponsePageFactory.build(authority=IssuingAuthorityFactory(), **fields)

    def errors(self, page):
        with pytest.raises(ValidationError) as error:
            page.clean()
        return error.value.message_dict

    def test_a_complete_answered_consultation_is_valid(self):
        self.page(status="answered", stance="approve", submitted_date=days(-1)).clean()

    def test_deadline_on_the_day_received_is_valid(self):
        self.page(
            received_date=TODAY,
            response_deadline=TODAY,
            status="received",
            submitted_date=None,
            stance="",
        ).clean()

    def test_deadline_before_received_is_refused(self):
        errors = self.errors(self.page(received_date=days(-1), response_deadline=days(-2)))
        assert errors["response_deadline"] == [
            "Svarsdagen kan inte ligga före datumet då remissen togs emot."
        ]

    def test_submitted_today_is_valid_but_tomorrow_is_not(self):
        self.page(submitted_date=TODAY, received_date=days(-9), response_deadline=days(5)).clean()
        errors = self.errors(
            self.page(submitted_date=days(1), received_date=days(-9), response_deadline=days(5))
        )
        assert errors["submitted_date"] == [
            "Datumet då svaret lämnades in kan inte ligga i framtiden."
        ]

    def test_answered_needs_a_submitted_date_and_a_stance(self):
        errors = self.errors(self.page(status="answered", submitted_date=None, stance=""))
        assert errors["submitted_date"] == [
            "En besvarad remiss måste ha ett datum för när svaret lämnades in."
        ]
        assert errors["stance"] == ["En besvarad remiss måste ha nätverkets ställningstagande."]

    def test_declining_needs_neither(self):
        self.page(status="declined", submitted_date=None, stance="").clean()

    def test_admin_shows_the_errors_in_swedish_and_keeps_the_input(self, admin_client, register):
        # The status is the consultation case's (positions/remiss/): a posted "answered" is not
        # taken, so the answered state's own rule (a stance) does not apply.
        authority = IssuingAuthorityFactory(name="Region Värmland")
        response = admin_client.post(
            f"/admin/pages/add/positions/consultationresponsepage/{register.pk}/",
            nested_form_data(
                {
                    "title": "Remissvar om kulturplanen",
                    "slug": "kulturplan",
                    "referral_title": "Kulturplan för Värmland",
                    "authority": authority.pk,
                    "received_date": "2026-03-10",
                    "response_deadline": "2026-03-01",
                    "status": "answered",
                    "stance": "",
                    "summary": "Vi tillstyrker.",
                    "body": streamfield([]),
                }
            ),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Svarsdagen kan inte ligga före datumet då remissen togs emot." in html
        assert 'value="Kulturplan för Värmland"' in html
        assert not ConsultationResponsePage.objects.exists()


@pytest.mark.django_db
class TestRegister:
    def test_open_soonest_first_and_answered_newest_first(self, client, register):
        ConsultationResponsePageFactory(
            parent=register,
            title="Senare svarsdag",
            **open_consultation(response_deadline=days(30)),
        )
        ConsultationResponsePageFactory(
            parent=register, title="Snar svarsdag", **open_consultation(response_deadline=days(2))
        )
        ConsultationResponsePageFactory(
            parent=register,
            title="Gammalt svar",
            submitted_date=datetime.date(2025, 3, 1),
            received_date=datetime.date(2025, 1, 1),
            response_deadline=datetime.date(2025, 3, 2),
        )
        ConsultationResponsePageFactory(
            parent=register,
            title="Nytt svar",
            submitted_date=days(-1),
            received_date=days(-30),
            response_deadline=days(-1),
        )
        ConsultationResponsePageFactory(
            parent=register,
            title="Missad svarsdag",
            **open_consultation(received_date=days(-20), response_deadline=days(-2)),
        )
        html = client.get("/remisser/").content.decode()
        assert section_titles(html, "open-heading") == ["Snar svarsdag", "Senare svarsdag"]
        assert section_titles(html, "closed-heading") == [
            "Nytt svar",
            "Missad svarsdag",
            "Gammalt svar",
        ]
        assert "(2 dagar kvar)" in html
        assert "Besvarad: tillstyrker" in html

    def test_filters_by_year_and_authority(self, client, register):
        region = IssuingAuthorityFactory(name="Region Värmland", slug="region-varmland")
        ministry = IssuingAuthorityFactory(name="Socialdepartementet", slug="socialdepartementet")
        ConsultationResponsePageFactory(
            parent=register,
            title="Regionens 2025",
            authority=region,
            received_date=datetime.date(2025, 2, 1),
            response_deadline=datetime.date(2025, 4, 1),
            submitted_date=datetime.date(2025, 3, 30),
        )
        ConsultationResponsePageFactory(parent=register, title="Regionens 2026", authority=region)
        ConsultationResponsePageFactory(
            parent=register, title="Departementets 2026", authority=ministry
        )

        assert section_titles(
            client.get("/remisser/?year=2025").content.decode(), "closed-heading"
        ) == ["Regionens 2025"]
        assert section_titles(
            client.get("/remisser/?authority=socialdepartementet").content.decode(),
            "closed-heading",
        ) == ["Departementets 2026"]
        both = client.get("/remisser/?year=2026&authority=region-varmland").content.decode()
        assert section_titles(both, "closed-heading") == ["Regionens 2026"]
        assert '<option value="2025">2025</option>' in both
        assert '<option value="region-varmland" selected>Region Värmland</option>' in both

    @pytest.mark.parametrize(
        "query", ["year=1999", "year=abc", "authority=okand", "page=2", "page=-1"]
    )
    def test_bad_filters_are_404(self, client, register, query):
        ConsultationResponsePageFactory(parent=register)
        assert client.get(f"/remisser/?{query}").status_code == 404

    def test_empty_filter_values_show_everything(self, client, register):
        ConsultationResponsePageFactory(parent=register, title="Ett svar")
        html = client.get("/remisser/?year=&authority=").content.decode()
        assert section_titles(html, "closed-heading") == ["Ett svar"]

    def test_answered_page_shows_the_registrars_references_prominently(self, client, register):
        ConsultationResponsePageFactory(
            parent=register,
            slug="sou",
            diarienummer="S2026/01234",
            referral_reference="SOU 2026:7",
            stance="approve-in-part",
        )
        html = client.get("/remisser/sou/").content.decode()
        assert re.search(r'<p class="registry-line">.*S2026/01234.*SOU 2026:7.*</p>', html)
        assert "<strong>Tillstyrker delvis</strong>" in html

    def test_home_page_lists_open_consultations_with_their_deadline(self, client, register):
        ConsultationResponsePageFactory(
            parent=register, title="Öppen remiss", **open_consultation(response_deadline=days(1))
        )
        ConsultationResponsePageFactory(parent=register, title="Besvarad remiss")
        html = client.get("/").content.decode()
        slot = re.search(
            r'<section class="home-slot" aria-labelledby="open-consultations">.*?</section>',
            html,
            re.S,
        ).group(0)
        assert "Öppen remiss" in slot and "Besvarad remiss" not in slot
        assert "(1 dag kvar)" in slot


@pytest.mark.django_db
def test_endorsers_appear_only_once_the_consultation_is_answered(client, register):
    ConsultationResponsePageFactory(parent=register, slug="oppen", **open_consultation())
    ConsultationResponsePageFactory(parent=register, slug="besvarad")
    assert "står bakom" not in client.get("/remisser/oppen/").content.decode()
    assert "Bakom remissvaret står" in client.get("/remisser/besvarad/").content.decode()
