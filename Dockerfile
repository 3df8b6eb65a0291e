# nato-records API: serves the records over HTTP on port 8000.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NATO_RECORDS_DATABASE_URL=sqlite:////data/nato-records.db

WORKDIR /srv
COPY pyproject.toml README.md ./
COPY app ./app
COPY migrations ./migrations
RUN pip install --no-cache-dir . \
    && useradd --system --home /srv nato \
    && mkdir /data && chown nato /data

USER nato
EXPOSE 8000
CMD ["nato-records", "serve", "--host", "0.0.0.0", "--port", "8000"]
