FROM debian:12-slim
COPY packages.txt /tmp/
RUN apt-get update && xargs apt-get install -y --no-install-recommends < /tmp/packages.txt \
    && rm -rf /var/lib/apt/lists/*
USER 10001
