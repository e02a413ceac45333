FROM alpine:3.20
COPY --chown=1000:1000 --chmod=644 --link a b /dst/
