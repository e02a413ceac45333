FROM alpine:3.20
ADD https://github.com/moby/buildkit.git#v0.12.0 /src
