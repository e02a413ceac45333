FROM ubuntu:24.04
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends tini=0.19.0-1 \
    && sudo rm -rf /var/lib/apt/lists/*
USER 10001
