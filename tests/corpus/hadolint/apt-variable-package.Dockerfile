FROM debian:12-slim
ARG TINI_VERSION=0.19.0-1
RUN apt-get update && apt-get install -y --no-install-recommends "tini=${TINI_VERSION}" \
    && rm -rf /var/lib/apt/lists/*
USER 10001
