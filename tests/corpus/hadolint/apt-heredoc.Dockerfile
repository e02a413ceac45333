# syntax=docker/dockerfile:1
FROM debian:12-slim
RUN <<EOF
set -eu
apt-get update
apt-get install -y --no-install-recommends curl
rm -rf /var/lib/apt/lists/*
EOF
USER 10001
