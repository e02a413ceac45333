# syntax=docker/dockerfile:1
FROM debian:12-slim
ADD <<EOF /etc/app.conf
key=value
EOF
USER 10001
