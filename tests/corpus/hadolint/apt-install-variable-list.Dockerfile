FROM debian:12-slim
ARG PACKAGES="curl=7.88.1-10+deb12u8 git=1:2.39.5-0+deb12u1"
RUN apt-get update && apt-get install -y --no-install-recommends $PACKAGES \
    && rm -rf /var/lib/apt/lists/*
USER 10001
