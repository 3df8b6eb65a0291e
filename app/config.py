"""Settings from environment variables (NATO_RECORDS_*) and an optional .env file."""

import json
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///nato-records.db"


class Settings(BaseSettings):
    """Everything the service reads from its environment; defaults work offline."""

    model_config = SettingsConfigDict(env_prefix="NATO_RECORDS_", env_file=".env", extra="ignore")

    database_url: str = Field(DEFAULT_DATABASE_URL, description="SQLAlchemy URL: sqlite:///… or postgresql+psycopg://…")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"],
        description="Browser origins allowed to read the API: * (any, the default: the reads are public), or "
        "origins separated by commas; empty for none")
    trusted_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"],
        description="Host names the API answers to: * (any, the default), or names separated by commas, "
        "*.example.org for its subdomains; any other Host header gets a 400")
    cache_max_age: int = Field(60, ge=0, description="Cache-Control max-age in seconds for GET answers")
    response_cache_mb: int = Field(
        64, ge=0, le=65536, description="Memory per worker for answers kept until the data changes; 0 turns it off"
    )
    cache_check_seconds: float = Field(
        1.0, ge=0, le=3600, description="How often a worker asks whether the data changed; a write by another "
        "process shows after this long at most"
    )
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1, description="Largest report file ingestion reads")
    max_pdf_pages: int = Field(200, ge=1, description="Most pages a PDF report may have")
    max_parse_seconds: float = Field(30.0, gt=0, description="Longest a single document may take to parse")
    write_rate_per_minute: int = Field(30, ge=1, description="Uploads a minute per API key and per client address")
    threads: int = Field(8, ge=1, le=100, description="Threads per worker for the API's database work")
    pool_timeout_seconds: float = Field(
        5.0, gt=0, le=300, description="Longest a request waits for a database connection before it is "
        "answered 503 with Retry-After")
    header_timeout_seconds: float = Field(
        10.0, gt=0, le=300, description="Longest a client may take to send a request's headers; a slower "
        "one is answered 408 and let go")
    log_format: Literal["text", "json"] = Field("text", description="Server logs: readable lines or JSON lines")
    changes_settle_seconds: float = Field(
        5.0, ge=0, description="The change feed holds back changes younger than this, so none is skipped"
    )


    @field_validator("cors_origins", "trusted_hosts", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        """"*", "https://a.example,https://b.example" or a JSON list."""
        if not isinstance(value, str):
            return value
        value = value.strip()
        if value.startswith("["):
            return json.loads(value)
        return [origin.strip() for origin in value.split(",") if origin.strip()]

@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
