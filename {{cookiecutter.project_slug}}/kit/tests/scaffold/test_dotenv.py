"""``make .env``: a local .env from .env.example, with a secret key of its own."""

import stat
from pathlib import Path

from slicekit.scaffold.dotenv import write_env

from ..project import project_file


def secret_key(text: str) -> str:
    prefix = "SECRET_KEY="
    (key,) = [line.removeprefix(prefix) for line in text.splitlines() if line.startswith(prefix)]
    return key


def test_env_is_the_example_with_a_fresh_secret_key_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    example = project_file(".env.example").read_text()
    (tmp_path / ".env.example").write_text(example)

    assert write_env(tmp_path) is True

    env = (tmp_path / ".env").read_text()
    assert len(secret_key(env)) >= 50
    assert env.replace(f"SECRET_KEY={secret_key(env)}", f"SECRET_KEY={secret_key(example)}") == (
        example
    )
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == [".env", ".env.example"]


def test_each_env_gets_its_own_secret_key(tmp_path: Path) -> None:
    keys = set()
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".env.example").write_text("SECRET_KEY=\nDEBUG=1\n")
        write_env(tmp_path / name)
        keys.add(secret_key((tmp_path / name / ".env").read_text()))

    assert len(keys) == 2


def test_an_existing_env_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text("SECRET_KEY=\n")
    (tmp_path / ".env").write_text("SECRET_KEY=mine\n")

    assert write_env(tmp_path) is False

    assert (tmp_path / ".env").read_text() == "SECRET_KEY=mine\n"
