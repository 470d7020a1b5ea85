"""Fixtures for the search: the site with every section a search result can link to."""

from types import SimpleNamespace

import pytest

from home.core.publication import loading_content
from tests.worlds import (
    build_directory,
    build_news_index,
    build_register,
    build_site,
    build_statements_index,
    built_once,
)


def in_the_menu(*indexes):
    """Every section in the menu, as on the real site."""
    for index in indexes:
        index.show_in_menus = True
        with loading_content():
            index.save_revision().publish()


@pytest.fixture
def sections(site, news_index, statements_index, register, directory):
    """Every section of the bilingual site, in the menu as on the real site."""
    in_the_menu(news_index, statements_index, register, directory)
    return SimpleNamespace(
        site=site,
        news=news_index,
        statements=statements_index,
        register=register,
        directory=directory,
    )


@pytest.fixture(scope="module")
def sections_world(django_db_setup, django_db_blocker):
    """What `sections` builds, built once for a module and rolled back after it.

    A test takes its own copy with tests.worlds.fresh(); see tests/worlds.py.
    """
    with built_once(django_db_blocker) as tests_run:
        site = build_site()
        world = SimpleNamespace(
            site=site,
            news=build_news_index(site),
            statements=build_statements_index(site),
            register=build_register(site),
            directory=build_directory(site),
        )
        in_the_menu(world.news, world.statements, world.register, world.directory)
        with tests_run():
            yield world
