"""Fixtures every test in the project may use."""

import os

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from core.models import User
from core.tests.factories import UserFactory

# The kit's runtime nets are on in every test run, loaded by its pytest plugin (entry point
# "slicekit"): the data-ownership guard (runtime-sql, runtime-task, runtime-lookup) and the
# facade guard (facade-values).


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give each pytest process its own test database on a database server.

    turbo runs the products' test tasks in parallel; on PostgreSQL each would
    otherwise create and drop the same ``test_<name>`` database. SQLite test
    databases live in memory, one per process already.
    """
    for database in settings.DATABASES.values():
        if database["ENGINE"] != "django.db.backends.sqlite3":
            test = database.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{os.getpid()}"


@pytest.fixture
def user(db: None) -> User:
    return UserFactory.create(username="ada")


@pytest.fixture
def api_client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()
