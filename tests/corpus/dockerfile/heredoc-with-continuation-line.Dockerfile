FROM alpine:3.20
RUN <<EOF \
  && echo after
echo in heredoc
EOF
USER 1000
