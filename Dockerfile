FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PGSERVER_DATA_DIR=/var/lib/pgserver/data

WORKDIR /opt/pgserver
COPY pyproject.toml README.md ./
COPY pgserver ./pgserver
COPY sql ./sql
COPY storage ./storage
COPY auth ./auth
RUN pip install --no-cache-dir . \
    && useradd --system --home /var/lib/pgserver --create-home pgserver \
    && mkdir -p /var/lib/pgserver/data && chown -R pgserver /var/lib/pgserver

USER pgserver
VOLUME ["/var/lib/pgserver/data"]
EXPOSE 5432
CMD ["sh", "-c", "exec pgserver --data-dir \"$PGSERVER_DATA_DIR\" --host 0.0.0.0 --port \"${PGPORT:-5432}\""]
