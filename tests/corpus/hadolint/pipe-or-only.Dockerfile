FROM debian:12-slim
RUN test -f /etc/os-release || exit 1
USER 10001
