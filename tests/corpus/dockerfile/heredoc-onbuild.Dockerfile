FROM alpine:3.20
ONBUILD RUN <<EOF
echo triggered
EOF
USER 1000
