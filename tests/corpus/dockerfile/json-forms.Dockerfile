FROM alpine:3.20
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo", "hi"]
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
