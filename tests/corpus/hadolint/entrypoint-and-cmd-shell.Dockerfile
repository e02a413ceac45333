FROM alpine:3.20
ENTRYPOINT ["/bin/sh", "-c"]
CMD echo hello
USER 10001
