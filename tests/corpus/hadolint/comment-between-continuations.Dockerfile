FROM debian:12-slim
RUN apt-get update \
    # tools for debugging
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
USER 10001
