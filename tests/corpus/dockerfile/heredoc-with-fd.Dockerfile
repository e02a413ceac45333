FROM alpine:3.20
RUN cat 0<<EOF
hi
EOF
