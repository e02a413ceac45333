FROM alpine:3.20
COPY <<my-file /etc/my-file
x
my-file
USER 1000
