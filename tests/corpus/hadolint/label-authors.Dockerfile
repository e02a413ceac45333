FROM alpine:3.20
LABEL org.opencontainers.image.authors="Platform Team <platform@example.com>"
USER 10001
