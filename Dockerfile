# syntax=docker/dockerfile:1
# Sepakat: one image, two commands.
#   web     (default) gunicorn on $PORT (8000)
#   worker  docker run … sepakat python manage.py qcluster        (django-q2; several are fine)
#   release docker run … sepakat python manage.py migrate --noinput (once per deploy, before the web)
# Configuration comes from the environment only: see the table in README.md.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: compile the dependencies into a virtualenv ----------------------------------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update --yes --quiet \
 && apt-get install --yes --quiet --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt /tmp/requirements.txt
RUN pip install --requirement /tmp/requirements.txt

# --- runtime ------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/media \
    PORT=8000

# Wheels bring their own libraries (psycopg[binary], Pillow, cryptography): no apt packages needed.
RUN groupadd --system --gid 10001 sepakat \
 && useradd --system --uid 10001 --gid sepakat --home-dir /app --no-create-home --shell /usr/sbin/nologin sepakat

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The code and the collected static files belong to root: the app user can read, not change them.
COPY . /app

# Static files are collected (hashed, compressed) at build time. The variables below only let
# the production settings load; nothing here connects to a database or ends up in the image.
RUN SECRET_KEY=build-time-only-not-a-secret \
    AUDIT_HMAC_KEY=build-time-only-not-a-secret-either-0123456789 \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q /app -x '/app/(tests|bench)/' \
 && mkdir -p /app/media \
 && chown sepakat:sepakat /app/media

USER sepakat:sepakat
EXPOSE 8000
VOLUME ["/app/media"]

# Probes the web checks only (/health/web/: database, cache, storage, broker). The worker
# container has no HTTP server: run it with --no-healthcheck (compose: healthcheck: {disable: true});
# the web's /health/ reports whether workers are executing tasks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; host = os.environ['ALLOWED_HOSTS'].split(',')[0].strip().lstrip('.'); urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:%s/health/web/' % os.environ.get('PORT', '8000'), headers={'Host': host, 'Accept': 'application/json'}), timeout=4)"]

# gunicorn binds 0.0.0.0:$PORT and reads WEB_CONCURRENCY (worker processes) from the environment;
# gunicorn.conf.py sets the rest: an access log without client address, user agent or referer
# (ADR 0010) and the log filter; GUNICORN_CMD_ARGS adds or overrides options.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "cms.wsgi:application"]
