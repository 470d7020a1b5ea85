from io import StringIO

from django.core.management import call_command

import pytest


def load_demo_content():
    call_command("load_demo_content", "--force", stdout=StringIO())


@pytest.fixture
def demo_site(db):
    load_demo_content()
