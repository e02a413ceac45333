FROM debian:12-slim
# hadolint ignore=DL3008
RUN echo first
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER 10001
