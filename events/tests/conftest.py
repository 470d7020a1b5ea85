import pytest

from conftest import translate
from events.factories import EventIndexPageFactory


@pytest.fixture
def calendar(site):
    index = EventIndexPageFactory(parent=site.home, show_in_menus=True)
    translate(index, site.en, title="Calendar", slug="calendar")
    return index
