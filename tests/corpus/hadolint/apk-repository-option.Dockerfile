FROM alpine:3.20
RUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing hub=2.14.2-r20
USER 10001
