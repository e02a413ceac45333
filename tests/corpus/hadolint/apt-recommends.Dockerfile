FROM ubuntu:24.04
RUN apt-get update && apt-get install -y tini=0.19.0-1 \
    && rm -rf /var/lib/apt/lists/*
USER 10001
