FROM alpine:3.20
RUN <<EOF
set -e
apk add curl
EOF
USER 1000
