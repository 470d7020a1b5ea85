from io import StringIO

import pytest
from django.core.management import call_command


def load_demo_content():
    call_command("load_demo_content", "--force", stdout=StringIO())


@pytest.fixture
def demo_site(db):
    load_demo_content()
