FROM ubuntu:24.04
RUN apt-get update && apt-get install -qy --no-install-recommends tini=0.19.0-1 \
    && rm -rf /var/lib/apt/lists/*
USER 10001
