FROM debian:12-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tzdata=2024a-0+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
USER 10001
