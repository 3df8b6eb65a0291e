"""Dockerfile and compose.yaml agree with the settings and commands the application has."""

import re
from pathlib import Path

import typer.main
import yaml

from app.cli import cli
from app.config import Settings
from app.main import create_app

ROOT = Path(__file__).parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SETTING_VARIABLES = {f"NATO_RECORDS_{name.upper()}" for name in Settings.model_fields}


def _options(command: str) -> set[str]:
    group = typer.main.get_command(cli)
    return {opt for p in group.commands[command].params for opt in getattr(p, "opts", [])}  # type: ignore[attr-defined]


def test_every_variable_they_set_is_a_setting() -> None:
    in_dockerfile = set(re.findall(r"\b(NATO_RECORDS_[A-Z_]+)=", DOCKERFILE))
    in_compose = set(COMPOSE["services"]["api"]["environment"])
    assert in_dockerfile
    assert in_dockerfile <= SETTING_VARIABLES
    assert in_compose <= SETTING_VARIABLES


def test_their_commands_use_options_that_exist() -> None:
    dockerfile_cmd = re.search(r'^CMD \[(.*)\]$', DOCKERFILE, re.MULTILINE)
    assert dockerfile_cmd
    for command in (re.findall(r'"([^"]+)"', dockerfile_cmd.group(1)), COMPOSE["services"]["api"]["command"]):
        assert command[:2] == ["nato-records", "serve"]
        flags = {word for word in command if word.startswith("--")}
        assert flags <= _options("serve"), flags - _options("serve")


def test_image_is_small_safe_and_checked() -> None:
    assert len(re.findall(r"^FROM python:3\.\d+-slim", DOCKERFILE, re.MULTILINE)) == 2  # multi-stage
    user = re.findall(r"^USER (\S+)", DOCKERFILE, re.MULTILINE)
    assert user
    assert user[-1] not in ("root", "0")
    assert "HEALTHCHECK" in DOCKERFILE
    health_path = re.search(r"127\.0\.0\.1:8000(/\w+)", DOCKERFILE)
    assert health_path
    assert health_path.group(1) in create_app(Settings()).openapi()["paths"]
    assert "EXPOSE 8000" in DOCKERFILE


def test_the_image_keeps_its_data_in_a_volume_its_user_owns() -> None:
    assert re.search(r"^VOLUME /data$", DOCKERFILE, re.MULTILINE)
    url = re.search(r"NATO_RECORDS_DATABASE_URL=(\S+)", DOCKERFILE)
    assert url
    assert url.group(1) == "sqlite:////data/nato-records.db"
    user = re.findall(r"^USER (\S+)", DOCKERFILE, re.MULTILINE)[-1]
    workdir = re.findall(r"^WORKDIR (\S+)", DOCKERFILE, re.MULTILINE)[-1]
    home = re.search(rf"useradd .*--home-dir (\S+) {user}", DOCKERFILE)
    assert home
    assert home.group(1) == workdir
    owned = re.search(rf"chown {user}(?::{user})? (.+)$", DOCKERFILE, re.MULTILINE)
    assert owned
    assert {workdir, "/data"} <= set(owned.group(1).split())


def test_compose_runs_the_api_on_postgres_with_a_volume() -> None:
    api, db = COMPOSE["services"]["api"], COMPOSE["services"]["db"]
    assert api["environment"]["NATO_RECORDS_DATABASE_URL"].startswith("postgresql+psycopg://")
    user, password, database = (db["environment"][k] for k in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"))
    assert api["environment"]["NATO_RECORDS_DATABASE_URL"].endswith(f"{user}:{password}@db:5432/{database}")
    assert api["depends_on"]["db"]["condition"] == "service_healthy"
    assert "--seed-samples" in api["command"]
    volume = db["volumes"][0].split(":")[0]
    assert volume in COMPOSE["volumes"]
    assert api["ports"] == ["8000:8000"]
    assert api["restart"] == db["restart"] == "unless-stopped"
    reports = next(v for v in api["volumes"] if v.startswith("./reports:"))
    mount = reports.split(":")[1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"docker compose run --rm api nato-records ingest {mount}" in readme
    assert f"nato-records ingest {mount}" in (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert "--database-url" in _options("ingest")


def test_the_readme_lists_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = {v for v in SETTING_VARIABLES if f"`{v}`" not in readme}
    assert not missing
