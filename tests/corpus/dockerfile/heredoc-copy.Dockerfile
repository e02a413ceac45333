FROM alpine:3.20
COPY <<EOF /etc/motd
Welcome
EOF
USER 1000
