# syntax=docker/dockerfile:1
FROM debian:12-slim
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1
USER 10001
