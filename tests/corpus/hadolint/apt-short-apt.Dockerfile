FROM debian:12-slim
RUN apt update && apt install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
USER 10001
