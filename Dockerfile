# nato-records: serves the API on port 8000. Two stages: build a wheel, install it in a clean slim image.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY migrations ./migrations
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NATO_RECORDS_DATABASE_URL=sqlite:////data/nato-records.db
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl \
    && rm -rf /wheels \
    && useradd --system --user-group --create-home --home-dir /srv nato \
    && mkdir /data && chown nato:nato /srv /data
USER nato
WORKDIR /srv
# the SQLite default lives here: mount a volume to keep it (`docker run -v records:/data …`)
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"]
CMD ["nato-records", "serve", "--host", "0.0.0.0", "--port", "8000", "--log-format", "json"]
