FROM ubuntu:24.04
RUN apt-get update && apt-get -o APT::Install-Recommends=false install -y tini=0.19.0-1 \
    && rm -rf /var/lib/apt/lists/*
USER 10001
