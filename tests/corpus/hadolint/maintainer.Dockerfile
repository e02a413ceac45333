FROM alpine:3.20
MAINTAINER Platform Team <platform@example.com>
USER 10001
