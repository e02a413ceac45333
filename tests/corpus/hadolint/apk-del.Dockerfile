FROM alpine:3.20
RUN apk del curl
USER 10001
