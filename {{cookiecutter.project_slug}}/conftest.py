"""Fixtures every test in the project may use."""

import pytest
from rest_framework.test import APIClient

from core.models import User


@pytest.fixture
def user(db: None) -> User:
    return User.objects.create_user(username="ada", password="a-long-test-password")


@pytest.fixture
def api_client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()
