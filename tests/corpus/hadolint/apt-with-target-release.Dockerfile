FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends -t bookworm-backports golang-go=2:1.21~2~bpo12+1 \
    && rm -rf /var/lib/apt/lists/*
USER 10001
