FROM debian:12-slim
COPY data.tar.xz /tmp/data.tar.xz
RUN tar --extract --file /tmp/data.tar.xz -C /srv
USER 10001
