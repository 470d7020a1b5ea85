"""Fixtures for the search: the site with every section a search result can link to."""

from types import SimpleNamespace

import pytest

from home.core.publication import loading_content


@pytest.fixture
def sections(site, news_index, statements_index, register, directory):
    """Every section of the bilingual site, in the menu as on the real site."""
    for index in (news_index, statements_index, register, directory):
        index.show_in_menus = True
        with loading_content():
            index.save_revision().publish()
    return SimpleNamespace(
        site=site,
        news=news_index,
        statements=statements_index,
        register=register,
        directory=directory,
    )
