FROM alpine:3.20
RUN apk add --no-cache bash curl jq \
    && curl -fsSL -o /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl \
    && chmod +x /usr/local/bin/kubectl
USER 10001
ENTRYPOINT ["kubectl"]
