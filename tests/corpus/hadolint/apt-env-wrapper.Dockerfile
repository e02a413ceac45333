FROM debian:12-slim
RUN apt-get update && env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/*
USER 10001
