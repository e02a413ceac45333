FROM alpine:3.20
RUN apk add --no-cache -t .build-deps gcc=13.2.1_git20240309-r0 \
    && apk del .build-deps
USER 10001
