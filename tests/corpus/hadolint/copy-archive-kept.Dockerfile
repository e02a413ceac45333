FROM debian:12-slim
COPY backup.tar.gz /srv/
RUN tar -tzf /srv/backup.tar.gz
USER 10001
