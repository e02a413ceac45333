FROM golang:1.23
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=secret,id=token \
    go build ./...
