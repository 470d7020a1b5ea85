import pytest

from tests.worlds import load_demo_content

__all__ = ["load_demo_content"]  # tests.test_backup loads the demo with it


@pytest.fixture
def demo_site(db):
    """The demo site, loaded for one test. Tests that only read it share `demo_world` instead,
    loaded once for their module."""
    load_demo_content()
