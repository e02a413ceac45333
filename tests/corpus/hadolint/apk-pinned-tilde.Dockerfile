FROM alpine:3.20
RUN apk add --no-cache 'curl~8.9' 'bash>5.2'
USER 10001
