# pgserver image, used like the official postgres image:
#
#   docker build --network host -t pgserver:dev .
#   docker run -d --network host -v pgdata:/var/lib/pgserver/data \
#       -e POSTGRES_PASSWORD=secret [-e POSTGRES_USER=app] [-e POSTGRES_DB=app] [-e PGPORT=5433] pgserver:dev
#
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB are used only on the first start, when the
# data directory (a volume) is still empty; later starts ignore them. The listen port comes from
# PGSERVER_PORT or PGPORT (default 5432) or a `--port N` argument; arguments after the image name
# go to `pgserver` (`docker run ... pgserver:dev --log-level debug`).

# ---- build stage: a virtualenv with the dependencies, then the project ----------------------
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/pgserver

WORKDIR /src
# Dependencies (and the build backend) first, from pyproject.toml alone, so that a source change
# reuses this layer.
COPY pyproject.toml ./
RUN python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb")); \
print("\n".join(p["project"]["dependencies"] + p["build-system"]["requires"]))' > /tmp/requirements.txt \
    && /opt/pgserver/bin/pip install -r /tmp/requirements.txt

# Everything .dockerignore lets in: pyproject.toml, README.md and the four packages.
COPY . ./
RUN /opt/pgserver/bin/pip install --no-deps --no-build-isolation . \
    && /opt/pgserver/bin/pip uninstall --yes --quiet pip setuptools wheel

# ---- runtime stage -----------------------------------------------------------------------------
FROM python:3.11-slim

# PGDATA as in the official image (PGSERVER_DATA_DIR, if set, wins); "*" = listen on all interfaces.
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/pgserver/bin:$PATH \
    PGDATA=/var/lib/pgserver/data \
    PGSERVER_HOST=*

RUN groupadd --system --gid 999 pgserver \
    && useradd --system --uid 999 --gid pgserver --home-dir /var/lib/pgserver --no-create-home \
        --shell /usr/sbin/nologin pgserver \
    && mkdir -p /var/lib/pgserver/data \
    && chown -R pgserver:pgserver /var/lib/pgserver \
    && chmod 700 /var/lib/pgserver/data

USER pgserver
WORKDIR /var/lib/pgserver
# Declared after the chown: a new named volume starts out owned by pgserver.
VOLUME ["/var/lib/pgserver/data"]
EXPOSE 5432
# SIGTERM (docker stop) is pgserver's clean fast shutdown.
STOPSIGNAL SIGTERM
ENTRYPOINT ["pgserver"]

# Last, so that a source change rebuilds only this step of the runtime stage (root-owned, read-only
# for the server).
COPY --from=build /opt/pgserver /opt/pgserver
